package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A newcomer follows the README into docs/: every relative link there must open a file of this repository, and a
 * link with a {@code #fragment} into a Markdown file must name one of its headings (GitHub's anchors). DESIGN.md and
 * {@code ../shared} belong to the workspace the project was built in, not to the repository, so they are refused
 * even where a copy happens to lie next to the checkout.
 */
class DocsLinksTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolvesInTheRepository() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(REPOSITORY.resolve("README.md"));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).hasSizeGreaterThan(1);

        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(brokenLinks(page, Files.readString(page, StandardCharsets.UTF_8)));
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theCheckFindsAMissingFileAMissingHeadingAndALinkOutOfTheRepository() {
        Path page = REPOSITORY.resolve("docs").resolve("example.md");
        String text = """
                # Title
                [fine](../README.md), [also fine](#title), [web](https://example.com/DESIGN.md)
                [gone](missing.md) and [wrong heading](../README.md#no-such-heading)
                [design](../DESIGN.md), [shared](../../shared/STYLE.md)
                ```
                [inside a code block](nowhere.md)
                ```
                """;

        assertThat(brokenLinks(page, text)).containsExactly(
                "docs/example.md:3: missing.md (no such file)",
                "docs/example.md:3: ../README.md#no-such-heading (no such heading)",
                "docs/example.md:4: ../DESIGN.md (DESIGN.md and ../shared are not in the repository)",
                "docs/example.md:4: ../../shared/STYLE.md (DESIGN.md and ../shared are not in the repository)");
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(anchors("""
                ## Storms: a bounded incident, whatever arrives
                ### Worked example: `examples/scenarios/db-cascade.json`
                # Kill -9 soak
                # Kill -9 soak
                """)).containsExactlyInAnyOrder("storms-a-bounded-incident-whatever-arrives",
                "worked-example-examplesscenariosdb-cascadejson", "kill--9-soak", "kill--9-soak-1");
    }

    private static List<String> brokenLinks(Path page, String text) {
        List<String> broken = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            String line = CODE_SPAN.matcher(lines[i]).replaceAll("code");
            for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK, HTML_LINK)) {
                Matcher link = pattern.matcher(line);
                while (link.find()) {
                    String problem = problem(page, text, link.group(1));
                    if (problem != null) {
                        broken.add(REPOSITORY.relativize(page) + ":" + (i + 1) + ": " + link.group(1) + " (" + problem + ")");
                    }
                }
            }
        }
        return broken;
    }

    /** Why a link does not resolve, or null when it does; links with a scheme (https:, mailto:) are not ours to check. */
    private static String problem(Path page, String pageText, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(REPOSITORY) || resolved.getFileName().toString().equals("DESIGN.md")) {
            return "DESIGN.md and ../shared are not in the repository";
        }
        if (!resolved.equals(page) && !Files.exists(resolved)) {
            return "no such file";
        }
        if (fragment != null && resolved.toString().endsWith(".md")) {
            try {
                String linked = resolved.equals(page) ? pageText : Files.readString(resolved, StandardCharsets.UTF_8);
                if (!anchors(linked).contains(fragment)) {
                    return "no such heading";
                }
            } catch (IOException e) {
                return "unreadable: " + e.getMessage();
            }
        }
        return null;
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : markdown.split("\n")) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
            }
            Matcher heading = HEADING.matcher(line);
            if (inFence || !heading.matches()) {
                continue;
            }
            String slug = heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\- _]", "").replace(' ', '-');
            int repeat = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
        }
        return anchors;
    }
}
