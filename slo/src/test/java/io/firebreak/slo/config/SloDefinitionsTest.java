package io.firebreak.slo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SloDefinitionsTest {

    private static final String SEED = """
            slo:
              name: trade_execution_latency
              service: trade-engine
              objective: 99.9
              period: 30d
              indicator:
                latency:
                  threshold: 10ms
                  percentile: 99
            """;

    @Test
    void readsTheSeedForm() {
        SloDefinition slo = SloDefinitions.parse(SEED, "seed.yml").get(0);
        assertThat(slo.name()).isEqualTo("trade_execution_latency");
        assertThat(slo.service()).isEqualTo("trade-engine");
        assertThat(slo.objective()).isEqualTo(0.999);
        assertThat(slo.errorBudget()).isEqualTo(0.001);
        assertThat(slo.period()).isEqualTo(Duration.ofDays(30));
        assertThat(slo.source()).isEqualTo(new SliSource.Logs(new Indicator.Latency(Duration.ofMillis(10), Optional.of(99.0), "latency_ms")));
        assertThat(slo.origin()).isEqualTo("seed.yml:2");
    }

    @Test
    void readsAListOfSlosWithEveryIndicator() {
        List<SloDefinition> slos = SloDefinitions.parse("""
                slos:
                  - {name: a, service: s, objective: 99.99, indicator: {availability: {}}}
                  - {name: b, service: s, objective: 99.99, indicator: {errors: {bad: [error, REJECTED]}}}
                  - {name: c, service: s, objective: 99, indicator: {saturation: {field: cpu_utilization, threshold: 0.70}}}
                  - {name: d, service: s, indicator: {latency: {threshold: 1h30m, percentile: 95}}}
                """, "list.yml");
        assertThat(slos).extracting(SloDefinition::name).containsExactly("a", "b", "c", "d");
        assertThat(((SliSource.Logs) slos.get(0).source()).indicator())
                .isEqualTo(new Indicator.Availability(Set.of("ERROR", "UNAVAILABLE", "TIMEOUT"), true, "status"));
        assertThat(((SliSource.Logs) slos.get(1).source()).indicator()).isEqualTo(new Indicator.Errors(Set.of("ERROR", "REJECTED"), "status"));
        assertThat(((SliSource.Logs) slos.get(2).source()).indicator()).isEqualTo(new Indicator.Saturation("cpu_utilization", 0.70));
        assertThat(slos.get(3).objective()).as("objective defaults to the percentile").isEqualTo(0.95);
        assertThat(((Indicator.Latency) ((SliSource.Logs) slos.get(3).source()).indicator()).threshold()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void readsAPrometheusSource() {
        SloDefinition slo = SloDefinitions.parse("""
                slo:
                  name: api_availability
                  service: api
                  objective: 99.9
                  source:
                    prometheus:
                      url: http://prometheus:9090
                      good: sum(increase(http_requests_total{code!~"5.."}[$interval]))
                      total: sum(increase(http_requests_total[$interval]))
                      interval: 1m
                """, "prom.yml").get(0);
        SliSource.Prometheus source = (SliSource.Prometheus) slo.source();
        assertThat(source.url()).hasToString("http://prometheus:9090");
        assertThat(source.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(source.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(source.totalQuery()).isEqualTo("sum(increase(http_requests_total[$interval]))");
    }

    @Test
    void loadsTheShippedExamplesDirectory() throws URISyntaxException {
        Path examples = Path.of(getClass().getResource("/examples/slos").toURI());
        List<SloDefinition> slos = SloDefinitions.load(examples);
        assertThat(slos).extracting(SloDefinition::service)
                .contains("trade-engine", "order-router", "risk-service", "market-data", "postgres-main");
        assertThat(slos).filteredOn(slo -> slo.service().equals("trade-engine"))
                .extracting(slo -> ((SliSource.Logs) slo.source()).indicator().kind())
                .containsExactlyInAnyOrder("availability", "latency", "errors", "saturation");
    }

    /** One mistake in the seed form, reported with its file and line and what is wrong (a ratio for a percentage, too). */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "threshold: 10ms | thresold: 10ms | seed.yml:8: unknown key 'thresold' in slo.indicator.latency",
            "10ms            | 10xs           | seed.yml:8: bad duration '10xs' for slo.indicator.latency.threshold",
            "period: 30d     | period: thirty | seed.yml:5: bad duration 'thirty' for slo.period",
            "99.9            | 100            | seed.yml:4: slo.objective must be a percentage in (0, 100), not 100",
            "99.9            | 0              | seed.yml:4: slo.objective must be a percentage in (0, 100), not 0",
            "99.9            | -5             | seed.yml:4: slo.objective must be a percentage in (0, 100), not -5",
            "99.9            | 0.999          | seed.yml:4: slo.objective 0.999 looks like a ratio",
            "99.9            | high           | seed.yml:4: slo.objective must be a number, not 'high'"})
    void aMistakeInTheSeedIsReportedWithFileAndLine(String seedText, String mistake, String expected) {
        assertProblem(SEED.replace(seedText, mistake), expected);
    }

    @Test
    void missingRequiredFieldsAreReportedAtTheirMapping() {
        assertProblem(SEED.replace("  service: trade-engine\n", ""), "seed.yml:2: missing required key 'service' in slo");
        assertProblem("slo:\n  name: x\n  service: y\n  objective: 99\n", "seed.yml:2: missing required key 'indicator' in slo");
        assertProblem("slo:\n  name: x\n  service: y\n  objective: 99\n  indicator:\n    errors: {}\n",
                "seed.yml:6: missing required key 'bad' in slo.indicator.errors");
    }

    @Test
    void twoIndicatorsAtOnceAreRejected() {
        assertProblem("slo:\n  name: x\n  service: y\n  objective: 99\n  indicator:\n    errors: {bad: [ERROR]}\n    latency: {threshold: 1s}\n",
                "seed.yml:6: slo.indicator must hold exactly one of: availability, errors, latency, saturation (found errors, latency)");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        SloConfigException error = parseFailure(SEED.replace("99.9", "120").replace("10ms", "10xs").replace("service:", "servise:"));
        assertThat(error.problems()).hasSize(4); // objective, duration, unknown key, missing service
        assertThat(error.getMessage().lines()).allMatch(line -> line.startsWith("seed.yml:"));
    }

    @Test
    void brokenYamlIsReportedWithItsLine() {
        assertProblem("slo:\n  name: [unclosed\n  service: x\n", "seed.yml:");
    }

    @Test
    void duplicateSloNamesAcrossFilesNameBothPlaces(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yml"), SEED);
        Files.writeString(dir.resolve("b.yaml"), SEED);
        Files.writeString(dir.resolve("notes.txt"), "not yaml: [");
        assertThatThrownBy(() -> SloDefinitions.load(dir))
                .isInstanceOf(SloConfigException.class)
                .hasMessageContaining(dir.resolve("b.yaml") + ":2: duplicate SLO name 'trade_execution_latency' (first defined at "
                        + dir.resolve("a.yml") + ":2)");
    }

    @Test
    void problemsInAFileOnDiskNameThatFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, SEED.replace("10ms", "10xs"));
        assertThatThrownBy(() -> SloDefinitions.load(file)).hasMessageStartingWith(file + ":8: bad duration '10xs'");
    }

    @Test
    void indicatorDoesNotApplyToAPrometheusSource() {
        assertProblem(SEED.replace("  indicator:", "  source: {prometheus: {url: 'http://p:9090', good: a, total: b}}\n  indicator:"),
                "seed.yml:7: slo.indicator does not apply to a prometheus source");
    }

    @Test
    void prometheusUrlMustBeHttp() {
        assertProblem("slo:\n  name: x\n  service: y\n  objective: 99\n  source:\n    prometheus: {url: 'ftp://p', good: a, total: b, interval: 10xs}\n",
                "seed.yml:6: slo.source.prometheus.url must be an http(s) URL, not 'ftp://p'");
    }

    @Test
    void durationsParseCombinationsAndRejectJunk() {
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("10ms")).contains(Duration.ofMillis(10));
        assertThat(Durations.parse("1w")).contains(Duration.ofDays(7));
        assertThat(Durations.parse("10xs")).isEmpty();
        assertThat(Durations.parse("10")).isEmpty();
        assertThat(Durations.parse("-1m")).isEmpty();
        assertThat(Durations.label(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(Durations.label(Duration.ofDays(3))).isEqualTo("3d");
        assertThat(Durations.label(Duration.ofMinutes(30))).isEqualTo("30m");
    }

    private static void assertProblem(String yaml, String expected) {
        assertThat(parseFailure(yaml).getMessage()).contains(expected);
    }

    private static SloConfigException parseFailure(String yaml) {
        try {
            SloDefinitions.parse(yaml, "seed.yml");
        } catch (SloConfigException e) {
            return e;
        }
        throw new AssertionError("expected an SloConfigException for:\n" + yaml);
    }
}
