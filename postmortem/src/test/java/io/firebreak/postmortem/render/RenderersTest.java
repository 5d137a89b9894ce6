package io.firebreak.postmortem.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.events.Postmortem;
import io.firebreak.postmortem.Golden;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.ScriptedIncidents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderersTest {

    private final PostmortemBuilder builder = new PostmortemBuilder(ScriptedIncidents.SETTINGS, ScriptedIncidents.CLOCK);
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final JsonRenderer json = new JsonRenderer();

    private Postmortem critical() {
        Postmortem postmortem = builder.build(ScriptedIncidents.criticalThroughAllStages(), 2);
        postmortem.getLogQueries().get(0).setLines(List.of(
                "2026-11-28T09:00:01.512Z {\"level\":\"error\",\"status\":\"REJECTED\",\"order_id\":\"o-991\",\"latency_ms\":412}"));
        return postmortem;
    }

    @Test
    void markdownOfTheScriptedIncidentMatchesTheGoldenFile() throws Exception {
        String rendered = markdown.render(critical());

        Golden.assertMatches("postmortem-critical.md", rendered);
        // checked by hand: 08:57:03 → 09:27:03 is 30 minutes; ack after 240 s; budget 0.875 left → 12.5% consumed
        assertThat(rendered)
                .contains("- **Duration:** 30m\n")
                .contains("| MTTD | alert fired | 1m 12s | 72 |")
                .contains("| MTTA | acknowledged | 4m | 240 |")
                // PAGED is entered when PagerDuty accepted the page, so this is the time to an accepted page
                .contains("| Time to page | paged (the receiver accepted) | 1m 19s | 79 |")
                .contains("| MTTM | mitigated | 15m 30s | 930 |")
                .contains("| MTTR | recovered | 30m | 1800 |")
                .contains("| trade_execution_latency | trade-engine | 12.5% | 87.5% |")
                .contains("rolling back risk-service to 2.13.4 \\| canary skipped");
    }

    @Test
    void textFromOutsideCannotBecomeMarkupInTheDocument() throws Exception {
        Postmortem postmortem = critical();
        postmortem.setTitle("Checkout down <img src=x onerror=alert(1)> [win](javascript:alert(1))");
        postmortem.setSummary("# Owned\n> quoted ![pixel](https://evil.example/p.png)");
        postmortem.getSuspectChanges().get(0).setUrl("javascript:alert(document.cookie)");
        postmortem.getLogQueries().get(0).setLines(List.of("```", "# injected heading", "<script>alert(1)</script>"));

        String rendered = markdown.render(postmortem);

        assertThat(rendered)
                .startsWith("# Postmortem: Checkout down \\<img src=x onerror=alert(1)> \\[win\\](javascript:alert(1))\n")
                .contains("\\# Owned > quoted !\\[pixel\\](https://evil.example/p.png)")
                .doesNotContain("[win](")
                .doesNotContain(" <img")
                .contains("````text\n```\n# injected heading\n<script>alert(1)</script>\n````");
    }

    @Test
    void jsonOfTheScriptedIncidentMatchesTheGoldenFile() throws Exception {
        String rendered = json.render(critical());

        Golden.assertMatches("postmortem-critical.json", rendered);
        JsonNode root = new ObjectMapper().readTree(rendered);
        assertThat(root.at("/mttx/mtta/seconds").asLong()).isEqualTo(240);
        assertThat(root.at("/mttx/mtta/human").asText()).isEqualTo("4m");
        assertThat(root.at("/mttx/mttd/seconds").asLong()).isEqualTo(72);
        assertThat(root.at("/timeToPage/seconds").asLong()).isEqualTo(79);
        assertThat(root.at("/impact/duration/seconds").asLong()).isEqualTo(1800);
        assertThat(root.at("/impact/startedAt").asText()).isEqualTo("2026-11-28T08:57:03Z");
        assertThat(root.at("/impact/slos/0/budgetConsumedPercent").asDouble()).isEqualTo(12.5);
        assertThat(root.at("/timeline")).hasSize(11);
        assertThat(root.at("/signals/0/count").asInt()).isEqualTo(5);
    }

    @Test
    void notApplicableMetricsAreRenderedAsNaNotZero() throws Exception {
        Postmortem low = builder.build(ScriptedIncidents.lowNeverPaged());

        String md = markdown.render(low);
        assertThat(md).contains("| MTTA | acknowledged | n/a | n/a |").contains("| Time to page | paged (the receiver accepted) | n/a | n/a |").contains("| MTTM | mitigated | n/a | n/a |")
                .contains("| MTTD | alert fired | 30s | 30 |").contains("| MTTR | recovered | 17m | 1020 |");
        Golden.assertMatches("postmortem-low.md", md);

        JsonNode root = new ObjectMapper().readTree(json.render(low));
        assertThat(root.at("/mttx/mtta/seconds").isNull()).isTrue();
        assertThat(root.at("/mttx/mtta/human").asText()).isEqualTo("n/a");
        assertThat(root.at("/mttx/mttm/seconds").isNull()).isTrue();
    }

    @Test
    void aUserTemplateReplacesTheDefault(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("short.md.mustache");
        Files.writeString(template, "{{title}} — MTTR {{#metrics}}{{#name}}{{/name}}{{/metrics}}{{impact.duration}}\n"
                + "{{#actionItems}}- [ ] {{description}} ({{owner}}, {{due}})\n{{/actionItems}}");

        String rendered = MarkdownRenderer.fromFile(template).render(critical());

        assertThat(rendered).isEqualTo("Trade execution latency: risk-service 2.14.0 slowed every order — MTTR 30m\n"
                + "- [ ] Add canary analysis to risk-service deployments (jdoe, 2026-12-05)\n"
                + "- [ ] Alert on risk-service p99 before trade-engine feels it (unassigned, none)\n");
    }

    @Test
    void aMissingTemplateFileFailsAtStartupWithItsPath(@TempDir Path dir) {
        assertThatThrownBy(() -> MarkdownRenderer.fromFile(dir.resolve("nope.mustache")))
                .hasMessageContaining("nope.mustache");
    }

    @Test
    void durationsAreWrittenLargestUnitFirst() {
        assertThat(Durations.human(java.time.Duration.ofSeconds(270))).isEqualTo("4m 30s");
        assertThat(Durations.human(java.time.Duration.ofSeconds(3630))).isEqualTo("1h 30s");
        assertThat(Durations.human(java.time.Duration.ofSeconds(90061))).isEqualTo("1d 1h 1m 1s");
        assertThat(Durations.human(java.time.Duration.ZERO)).isEqualTo("0s");
    }
}
