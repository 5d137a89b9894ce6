package io.firebreak.notifiers;

/** Keeps credentials out of logs, errors and toString(). */
public final class Secrets {

    private Secrets() {
    }

    /** {@code ****************************abcd}: only the last 4 characters stay, enough to tell keys apart. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        int visible = secret.length() > 8 ? 4 : 0;
        return "*".repeat(secret.length() - visible) + secret.substring(secret.length() - visible);
    }

    /** Replaces every occurrence of {@code secret} in {@code text} (e.g. a receiver echoing our request) with its mask. */
    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, mask(secret));
    }
}
