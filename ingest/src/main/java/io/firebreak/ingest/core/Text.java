package io.firebreak.ingest.core;

/** Small string helpers every mapper needs: blank means absent, and echoed input is cut short. */
public final class Text {

    private Text() {
    }

    /** The trimmed text, or null when absent or blank (Avro's optional fields take null). */
    public static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
