package io.firebreak.core.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one rule for links that leave firebreak (Slack and Teams cards, postmortem Markdown) and for ids placed in a
 * URL path. Text in an alert, a change or a note comes from outside: it may only become a link when it is a plain
 * web address, and an id must stay one path segment whatever it contains.
 */
public final class WebLinks {

    private WebLinks() {
    }

    /**
     * True for an absolute {@code http(s)} URL with a host and no user info, written in printable ASCII. That keeps out
     * {@code javascript:} and {@code data:} links, relative links, {@code https://bank@evil.example} look-alikes, and
     * every character that ends a link early in Slack ({@code <url|label>}) or Markdown ({@code <}, {@code >},
     * spaces, quotes): such a URL has to be percent-encoded first.
     */
    public static boolean isWebLink(String text) {
        if (text == null || text.isEmpty() || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * {@code id} percent-encoded (RFC 3986, space as {@code %20}, not the form encoding's {@code +}) so that it stays
     * one path segment: a {@code /}, {@code ?} or {@code #} in it cannot reach another resource, and an id of only
     * dots ({@code ..}) cannot walk up the path.
     */
    public static String pathSegment(String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return encoded.chars().allMatch(c -> c == '.') ? encoded.replace(".", "%2E") : encoded;
    }
}
