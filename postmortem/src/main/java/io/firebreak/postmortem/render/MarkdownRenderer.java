package io.firebreak.postmortem.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.firebreak.events.Postmortem;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Renders a postmortem as Markdown (for a wiki or a Git repository) with a Mustache template: the shipped
 * {@code postmortem.md.mustache}, or the user's own file. The template sees a {@link PostmortemView}.
 * Values are written as they are, not HTML-escaped: the output is Markdown, and table cells are escaped by
 * the view.
 */
public final class MarkdownRenderer {

    /** Classpath location of the default template; copy it to start your own. */
    public static final String DEFAULT_TEMPLATE = "io/firebreak/postmortem/render/postmortem.md.mustache";

    private final Mustache template;

    private MarkdownRenderer(String name, String source) {
        try {
            this.template = new RawMustacheFactory().compile(new StringReader(source), name);
        } catch (MustacheException e) {
            throw new IllegalArgumentException("invalid postmortem template " + name + ": " + e.getMessage(), e);
        }
    }

    /** The shipped template. */
    public MarkdownRenderer() {
        this(DEFAULT_TEMPLATE, readDefault());
    }

    /** A user's template file; fails fast at start-up when it is missing or does not compile. */
    public static MarkdownRenderer fromFile(Path templateFile) {
        try {
            return new MarkdownRenderer(templateFile.toString(), Files.readString(templateFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read postmortem template " + templateFile, e);
        }
    }

    public static MarkdownRenderer fromTemplate(String name, String source) {
        return new MarkdownRenderer(name, Objects.requireNonNull(source, "source"));
    }

    /** For a file beside the chart file the exporter writes ({@code <incident-id>.svg}). */
    public String render(Postmortem postmortem) {
        return render(postmortem, IncidentChart.fileName(postmortem.getIncidentId()));
    }

    /** With the chart linked by {@code chartLink}, relative to where the Markdown is served from (the API's own chart route). */
    public String render(Postmortem postmortem, String chartLink) {
        StringWriter out = new StringWriter();
        template.execute(out, PostmortemView.of(postmortem, chartLink));
        return out.toString();
    }

    private static String readDefault() {
        try (InputStream in = MarkdownRenderer.class.getClassLoader().getResourceAsStream(DEFAULT_TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("default postmortem template missing from the classpath: " + DEFAULT_TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_TEMPLATE, e);
        }
    }

    /** Mustache escapes HTML by default; Markdown wants the text as it is. */
    private static final class RawMustacheFactory extends DefaultMustacheFactory {

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("cannot write the rendered postmortem", e);
            }
        }
    }
}
