package io.firebreak.ingest.callbacks.slack;

import io.firebreak.ingest.core.InvalidPayloadException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The {@code payload} field of Slack's {@code application/x-www-form-urlencoded} interaction body, decoded. */
public final class SlackInteractions {

    private SlackInteractions() {
    }

    /** Decoded after the signature check, on the raw bytes the signature covered. */
    public static String payload(byte[] rawBody) {
        String form = new String(rawBody, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if ("payload".equals(name)) {
                return decode(equals < 0 ? "" : pair.substring(equals + 1))
                        .orElseThrow(() -> new InvalidPayloadException("invalid_form", "payload is not valid URL encoding"));
            }
        }
        throw new InvalidPayloadException("invalid_form", "the form has no payload field");
    }

    private static Optional<String> decode(String value) {
        try {
            return Optional.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
