package io.firebreak.ingest.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.events.LogRecord;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.api.LogsAccepted.LineError;
import io.firebreak.ingest.api.LogsAccepted;
import io.firebreak.ingest.api.LogsRejected;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.core.InvalidPayloadException;
import io.firebreak.ingest.http.ErrorResponses;
import io.firebreak.ingest.http.IngestEndpoint;
import io.firebreak.ingest.http.JsonErrorMapper;
import io.firebreak.ingest.logs.LogLineMapper;
import io.firebreak.schemas.Topics;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/logs}: structured JSON logs → LogRecords on {@code firebreak.logs.v1}, keyed by service. The body is
 * NDJSON (one object per line, Fluent Bit's {@code json_lines}) or one JSON array of objects (Fluent Bit's {@code json}).
 * A bad line does not cost the good ones: they are written (in one transaction) and the answer lists the bad lines by
 * number with the reason. A body without one good line is a 400.
 */
@Path("/v1/logs")
@IngestEndpoint
@RequiresScope(Scope.INGEST)
public final class LogsResource {

    public static final String PATH = "v1/logs";
    /** Line errors echoed back; {@code rejected} still counts all of them. */
    static final int MAX_REPORTED_ERRORS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(LogsResource.class);

    private final LogLineMapper mapper;
    private final Intake intake;
    private final int maxLines;

    public LogsResource(LogLineMapper mapper, Intake intake, int maxLines) {
        this.mapper = mapper;
        this.intake = intake;
        this.maxLines = maxLines;
    }

    @POST
    @Consumes({"application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/json"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(InputStream body) throws IOException {
        List<Line> lines = lines(body.readAllBytes());
        if (lines.isEmpty()) {
            return ErrorResponses.of(400, "empty_body", "send one JSON log object per line (NDJSON) or a JSON array of them");
        }
        if (lines.size() > maxLines) {
            return ErrorResponses.of(413, "too_many_lines", lines.size() + " log lines in one request, at most " + maxLines
                    + " are accepted; send smaller batches");
        }
        List<EventRecord<LogRecord>> records = new ArrayList<>(lines.size());
        List<LineError> errors = new ArrayList<>();
        int rejected = 0;
        for (Line line : lines) {
            try {
                LogRecord record = mapper.map(line.json() != null ? line.json() : intake.bodies().tree(line.text()));
                records.add(new EventRecord<>(Topics.LOGS, record.getService(), record));
            } catch (JsonProcessingException | InvalidPayloadException e) {
                rejected++;
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add(new LineError(line.number(), e instanceof JsonProcessingException json ? JsonErrorMapper.describe(json) : e.getMessage()));
                }
            }
        }
        if (records.isEmpty()) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new LogsRejected("no_valid_lines", "none of the " + lines.size() + " lines is a usable log object",
                            0, rejected, errors))
                    .build();
        }
        intake.write(records);
        if (rejected > 0) {
            intake.metrics().rejectedLines(rejected);
            LOG.info("event=log_lines_rejected accepted={} rejected={} firstReason=\"{}\"", records.size(), rejected,
                    errors.get(0).reason().replace("\"", "'"));
        }
        return Response.accepted(new LogsAccepted(records.size(), rejected, errors)).build();
    }

    /** Splits NDJSON on newlines (safe on UTF-8 bytes), or unpacks a JSON array; blank lines are not lines. */
    private List<Line> lines(byte[] body) throws IOException {
        int first = 0;
        while (first < body.length && Character.isWhitespace(body[first])) {
            first++;
        }
        List<Line> lines = new ArrayList<>();
        if (first < body.length && body[first] == '[') {
            JsonNode array = intake.bodies().tree(body);
            for (int i = 0; i < array.size(); i++) {
                lines.add(new Line(i + 1, null, array.get(i)));
            }
            return lines;
        }
        int start = 0;
        int number = 1;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                byte[] line = Arrays.copyOfRange(body, start, i);
                if (!new String(line, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
                    lines.add(new Line(number, line, null));
                }
                number++;
                start = i + 1;
            }
        }
        return lines;
    }

    /** One line: its raw bytes (NDJSON, parsed later so one bad line fails alone) or an array element already parsed. */
    private record Line(int number, byte[] text, JsonNode json) {
    }
}
