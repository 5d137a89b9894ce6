package io.firebreak.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherTest {

    @Test
    void malformedMatcherIsRejectedWithItsText() {
        assertThatThrownBy(() -> Matcher.parse("severity CRITICAL")).hasMessageContaining("severity CRITICAL");
        assertThat(Matcher.parse("severity=\"CRITICAL\"")).isEqualTo(Matcher.equal("severity", "CRITICAL"));
    }

    @Test
    void eachOperatorMatchesAsInAlertmanagerWithAnchoredRegexes() {
        Map<String, String> labels = Map.of("service", "trade-engine", "team", "qa");
        assertThat(Matcher.parse("service=\"trade-engine\"").matches(labels)).isTrue();
        assertThat(Matcher.parse("service!=\"trade-engine\"").matches(labels)).isFalse();
        assertThat(Matcher.parse("service=~\"trade-.*\"").matches(labels)).isTrue();
        assertThat(Matcher.parse("service=~\"trade\"").matches(labels)).as("anchored: the whole value").isFalse();
        assertThat(Matcher.parse("team!~\"qa|test\"").matches(labels)).isFalse();
    }

    @Test
    void aMissingLabelMatchesAsTheEmptyString() {
        assertThat(Matcher.parse("cluster=\"\"").matches(Map.of())).isTrue();
        assertThat(Matcher.parse("cluster!=\"lab\"").matches(Map.of())).isTrue();
    }

    @Test
    void aBadRegexFailsWhenTheRouteIsRead() {
        assertThatThrownBy(() -> Matcher.parse("service=~\"(\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severityMatchesWhateverTheCaseAsAlertmanagerUsersWriteIt() {
        Map<String, String> critical = Map.of("severity", "CRITICAL");
        assertThat(Matcher.parse("severity=\"critical\"").matches(critical)).isTrue();
        assertThat(Matcher.parse("severity!=\"critical\"").matches(critical)).isFalse();
        assertThat(Matcher.parse("severity=~\"critical|high\"").matches(critical)).isTrue();
        assertThat(Matcher.parse("severity!~\"Critical\"").matches(critical)).isFalse();
        assertThat(Matcher.parse("service=\"Trade-Engine\"").matches(Map.of("service", "trade-engine")))
                .as("other labels stay exact, as in Alertmanager").isFalse();
    }
}
