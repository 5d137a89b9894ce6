package io.firebreak.postmortem.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Postmortem;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.ScriptedIncidents;
import io.firebreak.postmortem.render.IncidentChart;
import io.firebreak.postmortem.render.JsonRenderer;
import io.firebreak.postmortem.render.MarkdownRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmortemExporterTest {

    private final PostmortemBuilder builder = new PostmortemBuilder(ScriptedIncidents.SETTINGS, ScriptedIncidents.CLOCK);
    private final JsonRenderer json = new JsonRenderer();
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void writesMarkdownAndJsonNamedAfterTheIncidentAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("postmortems");
        Postmortem postmortem = builder.build(ScriptedIncidents.criticalThroughAllStages());

        PostmortemExporter.ExportedFiles files = new PostmortemExporter(target, markdown, json).export(postmortem);

        assertThat(files.markdown()).isEqualTo(target.resolve("oci-fra-1.20261128.0042.md"));
        assertThat(files.json()).isEqualTo(target.resolve("oci-fra-1.20261128.0042.json"));
        assertThat(Files.readString(files.markdown())).isEqualTo(markdown.render(postmortem));
        assertThat(Files.readString(files.json())).isEqualTo(json.render(postmortem));
        // the chart lies next to the Markdown, which links it by its relative name
        assertThat(files.chart()).isEqualTo(target.resolve("oci-fra-1.20261128.0042.svg"));
        assertThat(Files.readString(files.chart())).isEqualTo(IncidentChart.render(postmortem));
        assertThat(Files.readString(files.markdown())).contains("](oci-fra-1.20261128.0042.svg)");
        try (Stream<Path> listing = Files.list(target)) {
            assertThat(listing).hasSize(3);
        }
    }

    @Test
    void aNewRevisionReplacesTheOldFiles(@TempDir Path dir) throws Exception {
        PostmortemExporter exporter = new PostmortemExporter(dir, markdown, json);
        exporter.export(builder.build(ScriptedIncidents.criticalThroughAllStages(), 1));

        PostmortemExporter.ExportedFiles files = exporter.export(builder.build(ScriptedIncidents.criticalThroughAllStages(), 2));

        assertThat(Files.readString(files.json())).contains("\"revision\" : 2");
        try (Stream<Path> listing = Files.list(dir)) {
            assertThat(listing).hasSize(3);
        }
    }

    @Test
    void aHostileIncidentIdCannotLeaveTheDirectory() {
        assertThat(PostmortemExporter.fileName("../../etc/passwd")).isEqualTo(".._.._etc_passwd");
        assertThat(PostmortemExporter.fileName("..")).isEqualTo("_..");
    }
}
