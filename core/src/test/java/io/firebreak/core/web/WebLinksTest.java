package io.firebreak.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebLinksTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://firebreak.example/?incident=oci-fra-1.20261128.0042", "http://127.0.0.1:8080/",
            "HTTPS://ci.example/job/42#log", "https://ci.example/a%20b?x=%3C"})
    void plainWebAddressesAreLinks(String url) {
        assertThat(WebLinks.isWebLink(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript://evil.example/%0Aalert(1)", "data:text/html,<b>x</b>",
            "vbscript:msgbox", "file:///etc/passwd", "//evil.example/x", "/incidents/1", "https:///no-host",
            "https://bank.example@evil.example/", "https://evil.example/a|b", "https://evil.example/>x",
            "https://evil.example/<x", "https://evil.example/a b", "https://evil.example/\nx",
            "https://evil.example/a\"b", "https://evil.example/`x`", "https://xn--e1a.example/ж", "", "   "})
    void anythingElseIsNotALink(String text) {
        assertThat(WebLinks.isWebLink(text)).isFalse();
    }

    @Test
    void nullIsNotALink() {
        assertThat(WebLinks.isWebLink(null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "->", value = {"oci-fra-1.20261128.0042 -> oci-fra-1.20261128.0042",
            "'a b/../c?d#e&f=g+h*' -> a%20b%2F..%2Fc%3Fd%23e%26f%3Dg%2Bh%2A", ".. -> %2E%2E", "ü -> %C3%BC"})
    void anIdStaysOnePathSegment(String id, String segment) {
        assertThat(WebLinks.pathSegment(id)).isEqualTo(segment);
        assertThat(URI.create("https://registry.example/subjects/").resolve(segment + "/versions").getRawPath())
                .isEqualTo("/subjects/" + segment + "/versions");
    }
}
