package io.firebreak.ingest.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A named bearer token and what it may do. The name is who acts (the recorded actor of an API action, the key of the
 * rate limit); two tokens with the same name are one sender during a rotation.
 */
public record ApiToken(String name, String secret, Set<Scope> scopes) {

    public ApiToken {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("auth.tokens: every token needs a name");
        }
        // Fail closed: an empty token (e.g. an unset ${FIREBREAK_READ_TOKEN}) would match "Bearer " with nothing after it.
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("auth.tokens / ingest.tokens: token '" + name + "' is empty (an unset variable?)");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("auth.tokens: token '" + name + "' needs at least one scope (ingest, actions, read)");
        }
        name = name.trim();
        secret = secret.trim();
        scopes = Set.copyOf(scopes);
    }

    /**
     * The tokens of the older {@code ingest.tokens} list, named {@code ingest-token-1}, {@code ingest-token-2}, ... by
     * position: each could do everything then, so it still can (existing deployments keep working; named tokens are
     * how to narrow one), and each keeps its own rate limit as before.
     */
    public static List<ApiToken> legacy(List<String> secrets) {
        return IntStream.range(0, secrets.size())
                .mapToObj(i -> new ApiToken("ingest-token-" + (i + 1), secrets.get(i), EnumSet.allOf(Scope.class)))
                .toList();
    }

    public boolean allows(Scope scope) {
        return scopes.contains(scope);
    }

    /** Never print the secret, e.g. when the configuration is logged. */
    @Override
    public String toString() {
        return "ApiToken[name=" + name + ", secret=<redacted>, scopes=" + scopes + "]";
    }
}
