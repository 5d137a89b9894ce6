package io.firebreak.postmortem;

import io.firebreak.events.LogQuery;
import io.firebreak.events.Postmortem;
import io.firebreak.schemas.IncidentLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Keeps a postmortem record under {@link IncidentLimits#RECORD_BYTES}, like the incident it is written from. Its facts
 * come from the bounded incident; what can push it over is the attached Loki lines and the rendered Markdown, which
 * repeats the facts. Over the bound the lines go first (their LogQL and Explore links stay), then the stored Markdown
 * (the API renders it from the facts on request).
 */
public final class PostmortemFit {

    private PostmortemFit() {
    }

    /** The postmortem, trimmed in place when needed; returns what was dropped, empty when nothing was. */
    public static List<String> fit(Postmortem postmortem) {
        if (size(postmortem) <= IncidentLimits.RECORD_BYTES) {
            return List.of();
        }
        postmortem.setLogQueries(postmortem.getLogQueries().stream().map(PostmortemFit::withoutLines).toList());
        if (size(postmortem) <= IncidentLimits.RECORD_BYTES) {
            return List.of("log lines");
        }
        postmortem.setMarkdown(null);
        return List.of("log lines", "markdown");
    }

    private static LogQuery withoutLines(LogQuery query) {
        return LogQuery.newBuilder(query).setLines(List.of()).build();
    }

    /** Serialized size in bytes (Avro binary, without the 5-byte wire-format header). */
    public static int size(Postmortem postmortem) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<>(Postmortem.class).write(postmortem, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
