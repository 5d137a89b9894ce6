package io.firebreak.slo.config;

import java.util.List;
import java.util.stream.Collectors;

/** Bad SLO definitions, one {@link Problem} per mistake, each as {@code file:line: message}. */
public final class SloConfigException extends RuntimeException {

    private final List<Problem> problems;

    public SloConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One mistake in one file; {@code line} is 1-based (0 when the file itself is the problem). */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
        }
    }
}
