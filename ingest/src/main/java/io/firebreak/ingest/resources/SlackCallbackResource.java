package io.firebreak.ingest.resources;

import io.firebreak.ingest.IncidentLookup;
import io.firebreak.ingest.callbacks.slack.SlackCommandMapper;
import io.firebreak.ingest.callbacks.slack.SlackInteractions;
import io.firebreak.ingest.callbacks.slack.SlackSignature;
import io.firebreak.ingest.http.ErrorResponses;
import io.firebreak.ingest.http.IngestEndpoint;
import io.firebreak.ingest.http.SignedRoute;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/callbacks/slack}: a Slack interactivity request (a button on an incident card), signature and
 * timestamp verified on the raw form bytes before decoding, → a LifecycleCommand keyed by the incident's cluster.
 * Slack wants 200 within 3 s and does not retry interactions; the answer comes right after the Kafka commit.
 */
@Path("/v1/callbacks/slack")
@IngestEndpoint
public final class SlackCallbackResource {

    public static final String PATH = "v1/callbacks/slack";
    private static final Logger LOG = LoggerFactory.getLogger(SlackCallbackResource.class);

    private final SignedRoute<SlackSignature> route;
    private final SlackCommandMapper mapper;
    private final IncidentLookup incidents;
    private final Intake intake;

    public SlackCallbackResource(SignedRoute<SlackSignature> route, SlackCommandMapper mapper, IncidentLookup incidents, Intake intake) {
        this.route = route;
        this.mapper = mapper;
        this.incidents = incidents;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(InputStream body, @HeaderParam(SlackSignature.SIGNATURE_HEADER) String slackSignature,
                            @HeaderParam(SlackSignature.TIMESTAMP_HEADER) String timestamp) throws IOException {
        SlackSignature signature = route.signature();
        byte[] raw = body.readAllBytes();
        Optional<String> problem = signature.problem(raw, timestamp, slackSignature);
        if (problem.isPresent()) {
            LOG.warn("event=slack_request_unverified reason=\"{}\"", problem.get());
            return ErrorResponses.of(401, signature.configured() ? "invalid_signature" : "signature_not_configured", problem.get());
        }
        // spent only now, with the signature verified: forged requests cost the real ones nothing
        Optional<Response> overBudget = route.spend();
        if (overBudget.isPresent()) {
            return overBudget.get();
        }
        return Response.ok(CallbackAnswers.apply(mapper.map(intake.bodies().tree(SlackInteractions.payload(raw))), incidents, intake, LOG, "slack")).build();
    }
}
