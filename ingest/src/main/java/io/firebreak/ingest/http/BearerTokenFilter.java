package io.firebreak.ingest.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * Requires {@code Authorization: Bearer <token>} with one of the configured tokens. Several tokens are
 * accepted so a token can be rotated without downtime. The token itself is never logged or echoed.
 */
@BearerAuthenticated
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Bearer realm=\"firebreak\"";
    private static final String SCHEME = "bearer ";

    /** SHA-256 of each token: comparing equal-length digests keeps the comparison constant-time, length included. */
    private final List<byte[]> tokenDigests;

    public BearerTokenFilter(List<String> tokens) {
        this.tokenDigests = tokens.stream().map(BearerTokenFilter::digest).toList();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            request.abortWith(unauthorized("missing_token", "send Authorization: Bearer <token>", CHALLENGE));
            return;
        }
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            request.abortWith(unauthorized("invalid_token", "the Authorization scheme must be Bearer", CHALLENGE));
            return;
        }
        int token = matching(authorization.substring(SCHEME.length()).trim());
        if (token < 0) {
            request.abortWith(unauthorized("invalid_token", "the bearer token is not valid",
                    CHALLENGE + ", error=\"invalid_token\""));
            return;
        }
        // Which token (by position, never its value) the request spends its rate limit from.
        request.setProperty(RateLimitFilter.PRINCIPAL, "token-" + token);
    }

    /** The index of the matching token, or -1. */
    private int matching(String presented) {
        byte[] digest = digest(presented);
        int match = -1;
        for (int i = 0; i < tokenDigests.size(); i++) {
            // no early exit: time does not tell which token matched
            match = MessageDigest.isEqual(tokenDigests.get(i), digest) ? i : match;
        }
        return match;
    }

    private static Response unauthorized(String error, String detail, String challenge) {
        return Response.fromResponse(ErrorResponses.of(401, error, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
