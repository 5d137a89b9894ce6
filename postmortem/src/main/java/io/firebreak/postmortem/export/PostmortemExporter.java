package io.firebreak.postmortem.export;

import io.firebreak.events.Postmortem;
import io.firebreak.postmortem.render.FileNames;
import io.firebreak.postmortem.render.IncidentChart;
import io.firebreak.postmortem.render.JsonRenderer;
import io.firebreak.postmortem.render.MarkdownRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <incident-id>.md}, {@code <incident-id>.json} and the chart the Markdown links, {@code <incident-id>.svg}, into a directory (a wiki checkout, a Git
 * repository). Each file is written to a temporary file in the same directory and moved into place, so a
 * reader (or a git add) never sees half a postmortem.
 */
public final class PostmortemExporter {

    private static final Logger LOG = LoggerFactory.getLogger(PostmortemExporter.class);

    /** The files of one export. */
    public record ExportedFiles(Path markdown, Path json, Path chart) {
    }

    private final Path directory;
    private final MarkdownRenderer markdown;
    private final JsonRenderer json;

    public PostmortemExporter(Path directory, MarkdownRenderer markdown, JsonRenderer json) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.markdown = Objects.requireNonNull(markdown, "markdown");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Writes both files, replacing an earlier revision; the Markdown stored in the postmortem wins when present. */
    public ExportedFiles export(Postmortem postmortem) {
        String base = fileName(postmortem.getIncidentId());
        String md = postmortem.getMarkdown() != null ? postmortem.getMarkdown() : markdown.render(postmortem);
        try {
            Files.createDirectories(directory);
            // the chart first: the Markdown that links it never appears before it
            Path chartFile = writeAtomically(directory.resolve(IncidentChart.fileName(postmortem.getIncidentId())), IncidentChart.render(postmortem));
            Path mdFile = writeAtomically(directory.resolve(base + ".md"), md);
            Path jsonFile = writeAtomically(directory.resolve(base + ".json"), json.render(postmortem));
            LOG.info("event=postmortem_exported incident={} revision={} dir={}", postmortem.getIncidentId(),
                    postmortem.getRevision(), directory);
            return new ExportedFiles(mdFile, jsonFile, chartFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export postmortem " + postmortem.getIncidentId() + " to " + directory, e);
        }
    }

    static String fileName(String incidentId) {
        return FileNames.base(incidentId);
    }

    private static Path writeAtomically(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
