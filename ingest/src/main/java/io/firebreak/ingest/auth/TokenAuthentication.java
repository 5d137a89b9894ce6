package io.firebreak.ingest.auth;

import io.firebreak.ingest.http.ErrorResponses;
import io.firebreak.ingest.http.RateLimits;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Puts a bearer-token check in front of every resource method marked {@link RequiresScope}, whichever module registered
 * the resource: none or a wrong token → 401, a token without the scope → 403, both JSON. The matched token's name
 * becomes the request's {@link SecurityContext#getUserPrincipal() principal} (the actor of an API action) and, with the
 * endpoint's scope, the key of its rate limit, which an authenticated request spends next, reads and writes alike
 * (429 + Retry-After): a request with a forged token spends nobody's budget. Tokens are never logged or echoed.
 */
public final class TokenAuthentication implements DynamicFeature {

    static final String CHALLENGE = "Bearer realm=\"firebreak\"";
    private static final String SCHEME = "bearer ";

    private final List<ApiToken> tokens;
    /** SHA-256 of each token: comparing equal-length digests keeps the comparison constant-time, length included. */
    private final List<byte[]> digests;

    private final RateLimits limits;

    public TokenAuthentication(List<ApiToken> tokens, RateLimits limits) {
        this.tokens = List.copyOf(tokens);
        this.limits = limits;
        this.digests = this.tokens.stream().map(token -> digest(token.secret())).toList();
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RequiresScope required = Optional.ofNullable(resource.getResourceMethod().getAnnotation(RequiresScope.class))
                .orElseGet(() -> resource.getResourceClass().getAnnotation(RequiresScope.class));
        if (required != null) {
            context.register(new BearerCheck(required.value()));
        }
    }

    /** The token whose value was presented; every token is compared, so the time taken does not tell which one matched. */
    private Optional<ApiToken> matching(String presented) {
        byte[] digest = digest(presented);
        ApiToken match = null;
        for (int i = 0; i < digests.size(); i++) {
            match = MessageDigest.isEqual(digests.get(i), digest) ? tokens.get(i) : match;
        }
        return Optional.ofNullable(match);
    }

    @Priority(Priorities.AUTHENTICATION)
    private final class BearerCheck implements ContainerRequestFilter {

        private final Scope scope;

        BearerCheck(Scope scope) {
            this.scope = scope;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization == null || authorization.isBlank()) {
                request.abortWith(refused(401, "missing_token", "send Authorization: Bearer <token>", CHALLENGE));
                return;
            }
            if (!authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
                request.abortWith(refused(401, "invalid_token", "the Authorization scheme must be Bearer", CHALLENGE));
                return;
            }
            Optional<ApiToken> token = matching(authorization.substring(SCHEME.length()).trim());
            if (token.isEmpty()) {
                request.abortWith(refused(401, "invalid_token", "the bearer token is not valid", CHALLENGE + ", error=\"invalid_token\""));
                return;
            }
            if (!token.get().allows(scope)) {
                request.abortWith(refused(403, "insufficient_scope", "token '" + token.get().name() + "' lacks the '" + scope.label()
                        + "' scope this endpoint needs", CHALLENGE + ", error=\"insufficient_scope\", scope=\"" + scope.label() + "\""));
                return;
            }
            String name = token.get().name();
            // one budget per token name and scope: Alertmanager's storm through a token that also reads must not
            // turn the on-call engineer's dashboard into 429s (memory stays bounded: names × 3 scopes)
            Optional<Response> overBudget = limits.spend("token:" + name + "/" + scope.label());
            if (overBudget.isPresent()) {
                request.abortWith(overBudget.get());
                return;
            }
            request.setSecurityContext(new TokenSecurityContext(name, request.getSecurityContext().isSecure()));
        }
    }

    private record TokenSecurityContext(String name, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }

    private static Response refused(int status, String error, String detail, String challenge) {
        return Response.fromResponse(ErrorResponses.of(status, error, detail)).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
