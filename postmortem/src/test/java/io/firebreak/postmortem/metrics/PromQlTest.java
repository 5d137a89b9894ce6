package io.firebreak.postmortem.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

    private static final PromQl.Template TEMPLATE = new PromQl.Template("t",
            "up{cluster=\"{{cluster}}\", service=\"{{service}}\", container_id=~\".*/{{serviceRegex}}\"}");

    @Test
    void valuesAreEscapedAsPromQlStringsAndRegexLiterals() {
        assertThat(PromQl.render(TEMPLATE, "a.b\"c", "fra\\1"))
                .isEqualTo("up{cluster=\"fra\\\\1\", service=\"a.b\\\"c\", container_id=~\".*/a\\\\.b\\\"c\"}");
    }

    @Test
    void aLineBreakIsRefused() {
        assertThatThrownBy(() -> PromQl.render(TEMPLATE, "x\"}\nup{", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultsAreCorootsContainerMetricsForTheService() {
        assertThat(PromQl.COROOT_DEFAULTS).extracting(t -> PromQl.render(t, "trade-engine", "oci-fra-1"))
                .allSatisfy(promql -> assertThat(promql).contains("container_id=~\".*/trade-engine\""))
                .anySatisfy(promql -> assertThat(promql).contains("container_resources_cpu_usage_seconds_total"))
                .anySatisfy(promql -> assertThat(promql).contains("container_http_requests_total"));
    }
}
