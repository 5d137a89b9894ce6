package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.firebreak.ingest.auth.ApiToken;
import io.firebreak.ingest.auth.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code auth:} — named bearer tokens and what each may do. Every route needs one except the signed callbacks and the
 * dashboard's static page; the older {@code ingest.tokens} still count, as tokens with every scope.
 */
public class AuthConfig {

    @Valid
    @NotNull
    @JsonProperty
    public List<Token> tokens = new ArrayList<>();

    public static class Token {

        /** Who acts with this token: the recorded actor of its API actions, the key of its rate limit. */
        @NotEmpty
        @JsonProperty
        public String name;

        /** The secret, from {@code ${ENV}}. An entry whose variable is unset (empty) is ignored. */
        @JsonProperty
        public String token = "";

        @NotEmpty
        @JsonProperty
        public Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    }

    /** Every accepted token: these, then the older {@code ingest.tokens} as {@code ingest-token-1}, ... with every scope. */
    public List<ApiToken> effectiveTokens(IngestConfig ingest) {
        return Stream.concat(
                tokens.stream().filter(t -> t.token != null && !t.token.isBlank()).map(t -> new ApiToken(t.name, t.token, t.scopes)),
                ApiToken.legacy(ingest.effectiveTokens()).stream()).toList();
    }
}
