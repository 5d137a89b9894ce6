package io.firebreak.postmortem.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTextTest {

    @Test
    void linksImagesHtmlAndCodeStayText() {
        assertThat(MarkdownText.inline("[click](javascript:alert(1))")).isEqualTo("\\[click\\](javascript:alert(1))");
        assertThat(MarkdownText.inline("![x](https://evil.example/p.png)")).isEqualTo("!\\[x\\](https://evil.example/p.png)");
        assertThat(MarkdownText.inline("<img src=x onerror=alert(1)>")).isEqualTo("\\<img src=x onerror=alert(1)>");
        assertThat(MarkdownText.inline("<https://evil.example>")).startsWith("\\<");
        assertThat(MarkdownText.inline("a `code` b")).isEqualTo("a \\`code\\` b");
        assertThat(MarkdownText.inline("a | b")).isEqualTo("a \\| b");
        assertThat(MarkdownText.inline("back\\slash")).isEqualTo("back\\\\slash");
    }

    @Test
    void noTextStartsABlockOrANewLine() {
        assertThat(MarkdownText.inline("# Heading")).isEqualTo("\\# Heading");
        assertThat(MarkdownText.inline("> quote")).isEqualTo("\\> quote");
        assertThat(MarkdownText.inline("- item")).isEqualTo("\\- item");
        assertThat(MarkdownText.inline("1. item")).isEqualTo("1\\. item");
        assertThat(MarkdownText.inline("line one\n# two\r\nthree")).isEqualTo("line one # two three");
    }

    @Test
    void ordinaryTextIsLeftAsWritten() {
        assertThat(MarkdownText.inline("risk-service v2.14.3 rejected 12% of orders (p99 > 10 s)"))
                .isEqualTo("risk-service v2.14.3 rejected 12% of orders (p99 > 10 s)");
        assertThat(MarkdownText.inline("trade_execution_latency")).isEqualTo("trade_execution_latency");
        assertThat(MarkdownText.inline(null)).isEmpty();
    }

    @Test
    void onlyAbsoluteHttpLinksSurvive() {
        assertThat(MarkdownText.url("https://ci.example/deploy/881")).contains("https://ci.example/deploy/881");
        assertThat(MarkdownText.url("http://loki:3100/x?q=a")).contains("http://loki:3100/x?q=a");
        assertThat(MarkdownText.url("javascript:alert(1)")).isEmpty();
        assertThat(MarkdownText.url("JAVASCRIPT:alert(1)")).isEmpty();
        assertThat(MarkdownText.url("data:text/html;base64,PHNjcmlwdD4=")).isEmpty();
        assertThat(MarkdownText.url("/relative/path")).isEmpty();
        assertThat(MarkdownText.url("https://ci.example/a b)")).contains("https://ci.example/a%20b%29");
        assertThat(MarkdownText.url("not a url")).isEmpty();
    }

    @Test
    void aFenceIsLongerThanAnyBacktickRunInside() {
        assertThat(MarkdownText.fence(List.of("plain"))).isEqualTo("```");
        assertThat(MarkdownText.fence(List.of("a ``` b", "````"))).isEqualTo("`````");
    }
}
