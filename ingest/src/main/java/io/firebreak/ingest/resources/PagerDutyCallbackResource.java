package io.firebreak.ingest.resources;

import io.firebreak.ingest.IncidentLookup;
import io.firebreak.ingest.callbacks.pagerduty.PagerDutyCommandMapper;
import io.firebreak.ingest.callbacks.pagerduty.PagerDutySignature;
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
 * {@code POST /v1/callbacks/pagerduty}: a PagerDuty v3 webhook, signature verified on the raw bytes before anything
 * else is read, → a LifecycleCommand on {@code firebreak.actions.v1} keyed by the incident's cluster. 401 for a bad
 * signature (PagerDuty drops 4xx: right for forgeries), 202 for anything verified, written or ignored, so PagerDuty
 * neither retries nor disables the subscription; 503 when Kafka is down (PagerDuty retries).
 */
@Path("/v1/callbacks/pagerduty")
@IngestEndpoint
public final class PagerDutyCallbackResource {

    public static final String PATH = "v1/callbacks/pagerduty";
    private static final Logger LOG = LoggerFactory.getLogger(PagerDutyCallbackResource.class);

    private final SignedRoute<PagerDutySignature> route;
    private final PagerDutyCommandMapper mapper;
    private final IncidentLookup incidents;
    private final Intake intake;

    public PagerDutyCallbackResource(SignedRoute<PagerDutySignature> route, PagerDutyCommandMapper mapper, IncidentLookup incidents,
                                     Intake intake) {
        this.route = route;
        this.mapper = mapper;
        this.incidents = incidents;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(InputStream body, @HeaderParam(PagerDutySignature.HEADER) String signatures,
                            @HeaderParam("X-Webhook-Id") String webhookId) throws IOException {
        PagerDutySignature signature = route.signature();
        byte[] raw = body.readAllBytes();
        if (!signature.configured()) {
            return ErrorResponses.of(401, "signature_not_configured", "no PagerDuty webhook secret is configured (callbacks.pagerdutySecrets)");
        }
        if (signatures == null || signatures.isBlank()) {
            return ErrorResponses.of(401, "missing_signature", "send " + PagerDutySignature.HEADER + ": v1=<hex HMAC-SHA256 of the body>");
        }
        if (!signature.verify(raw, signatures)) {
            LOG.warn("event=pagerduty_signature_invalid webhookId={}", webhookId == null ? "" : webhookId.replaceAll("[^A-Za-z0-9_-]", ""));
            return ErrorResponses.of(401, "invalid_signature", "no " + PagerDutySignature.HEADER + " entry matches the body");
        }
        // spent only now, with the signature verified: forged requests cost the real ones nothing
        Optional<Response> overBudget = route.spend();
        if (overBudget.isPresent()) {
            return overBudget.get();
        }
        return Response.accepted(CallbackAnswers.apply(mapper.map(intake.bodies().tree(raw), webhookId), incidents, intake, LOG, "pagerduty")).build();
    }
}
