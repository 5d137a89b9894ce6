package io.firebreak.ingest.resources;

import io.firebreak.ingest.api.Accepted;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The flow the event webhooks (Alertmanager, changes, Coroot) share: read the request, turn it into events, write
 * them in one transaction, log, answer 202 with their ids. The answer comes only after Kafka committed, so a sender
 * that gets anything else retries and no event is acknowledged and lost. A subclass adds its {@code @Path} and says
 * how its request reads, which events it makes and what its log line names.
 *
 * <p>Public only because Jersey invokes {@link #receive} reflectively through this class; nothing outside the package
 * extends it.
 *
 * @param <R> the request as the subclass reads it (a parsed payload or its mapped events)
 */
public abstract class EventWebhook<R> {

    /** Where the events go; also the body parser and the endpoint's metrics for the subclass. */
    final Intake intake;

    EventWebhook(Intake intake) {
        this.intake = Objects.requireNonNull(intake, "intake");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public final Response receive(InputStream body) throws IOException {
        R request = read(body);
        EventBatch events = events(request);
        intake.write(events.records());
        logWritten(request, events);
        return Response.accepted(new Accepted(events.size(), events.ids())).build();
    }

    /** @throws io.firebreak.ingest.core.InvalidPayloadException when the body breaks the sender's contract (a 400) */
    abstract R read(InputStream body) throws IOException;

    abstract EventBatch events(R request);

    /** The one info line per request, after the commit. */
    abstract void logWritten(R request, EventBatch events);
}
