package io.firebreak.postmortem.render;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A small SVG writer: element and attribute names are the caller's constants, every value and text is escaped, and
 * characters XML 1.0 cannot carry are dropped, so alert text (which anyone who can send an alert controls) is always text.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    Svg(int width, int height, String title, String description) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        start("svg", "xmlns", "http://www.w3.org/2000/svg", "width", Integer.toString(width), "height", Integer.toString(height),
                "viewBox", "0 0 " + width + " " + height, "role", "img", "font-family", "sans-serif", "font-size", "11");
        start("title").text(title).end();
        start("desc").text(description).end();
    }

    /** {@code <name attr="value" ...>}: attributes as name, value pairs. */
    Svg start(String name, String... attributes) {
        tag(name, attributes);
        out.append(">");
        open.push(name);
        return this;
    }

    /** {@code <name attr="value" .../>}. */
    Svg empty(String name, String... attributes) {
        tag(name, attributes);
        out.append("/>\n");
        return this;
    }

    Svg text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Closes the innermost open element. */
    Svg end() {
        out.append("</").append(open.pop()).append(">\n");
        return this;
    }

    /** A {@code <text>} element with a tooltip-free string. */
    Svg label(double x, double y, String text, String... attributes) {
        String[] all = new String[attributes.length + 4];
        all[0] = "x";
        all[1] = number(x);
        all[2] = "y";
        all[3] = number(y);
        System.arraycopy(attributes, 0, all, 4, attributes.length);
        return start("text", all).text(text).end();
    }

    String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** XML text and attribute escaping; control characters other than tab and line breaks cannot appear in XML 1.0. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    private void tag(String name, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs: " + name);
        }
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
    }
}
