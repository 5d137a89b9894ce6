package io.firebreak.postmortem.render;

import io.firebreak.core.web.WebLinks;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from alerts, commands and changes made safe for a Markdown document: it stays text. Everything that reaches a
 * postmortem came from outside (an alert's summary, a note, a CI URL), and a postmortem is rendered by Git forges,
 * wikis and chat tools, so none of it may become a link, an image, raw HTML, a table column or a new block.
 *
 * <p>Hand-written because no Markdown library here escapes (they parse and render); the rules are CommonMark's
 * backslash escapes for the characters that start links, images, code, HTML and table cells, and nothing more, so
 * ordinary text ({@code risk-service v2.14.3}) reads as it was written.
 */
public final class MarkdownText {

    /**
     * What could start a link or image ([ ]), raw HTML or an autolink (<), code (`), a cell (|) or an escape (\).
     * Parentheses and > are left: without [ or < before them they cannot make a link or a tag.
     */
    private static final Pattern SPECIAL = Pattern.compile("[\\\\`\\[\\]<|]");
    /** A line that would start a heading, quote, list, rule or setext underline ... */
    private static final Pattern BLOCK_START = Pattern.compile("^(\\s*)([#>+\\-=*])");
    /** ... or an ordered list (the delimiter is escaped: a backslash before a digit is no escape). */
    private static final Pattern ORDERED_START = Pattern.compile("^(\\s*\\d+)([.)])");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownText() {
    }

    /** Text inside a line (a table cell, after a heading's marker): one line, every special character escaped. */
    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        return SPECIAL.matcher(oneLine(text)).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }

    /** Line breaks as spaces: one table row, one list item, one line of a code block stays one. */
    public static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    /** Text that starts a line (a paragraph, a list item's content): as {@link #cell}, and no block started either. */
    public static String inline(String text) {
        String escaped = cell(text);
        String unblocked = BLOCK_START.matcher(escaped).replaceFirst(m -> Matcher.quoteReplacement(m.group(1) + "\\" + m.group(2)));
        return ORDERED_START.matcher(unblocked).replaceFirst(m -> Matcher.quoteReplacement(m.group(1) + "\\" + m.group(2)));
    }

    /**
     * A link target, or empty when the text is not a web link by {@link WebLinks#isWebLink}: {@code javascript:},
     * {@code data:} and relative links are dropped. Characters that would end the Markdown link early are
     * percent-encoded first.
     */
    public static Optional<String> url(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String encoded = text.trim().replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")
                .replace(">", "%3E").replace("`", "%60");
        return WebLinks.isWebLink(encoded) ? Optional.of(encoded) : Optional.empty();
    }

    /** A code fence longer than any run of backticks in the lines it encloses, so none of them can close it. */
    public static String fence(Collection<String> lines) {
        int longest = 0;
        for (String line : lines) {
            Matcher run = BACKTICKS.matcher(line == null ? "" : line);
            while (run.find()) {
                longest = Math.max(longest, run.group().length());
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
