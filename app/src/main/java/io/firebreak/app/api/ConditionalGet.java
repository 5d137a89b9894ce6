package io.firebreak.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * ETags on the JSON reads the dashboard polls ({@code GET /v1/incidents…}, {@code GET /v1/slos},
 * {@code GET /v1/maintenance}): the tag is a hash of the body, and a request whose {@code If-None-Match} names it gets
 * {@code 304 Not Modified} without the body. A poll every few seconds then costs a few hundred bytes while nothing
 * changes, and the page re-renders only on a change.
 */
public final class ConditionalGet implements ContainerResponseFilter {

    private static final Pattern POLLED = Pattern.compile("/?v1/(incidents|slos|maintenance)(/[^/]+)?/?");

    private final ObjectMapper json;

    /** {@code json}: the mapper Jersey writes the API with, so the tagged bytes are the bytes it would send. */
    public ConditionalGet(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (!HttpMethod.GET.equals(request.getMethod()) || response.getStatus() != Response.Status.OK.getStatusCode() || !response.hasEntity()
                || response.getMediaType() == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())
                || !POLLED.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        Object entity = response.getEntity();
        byte[] body = entity instanceof byte[] bytes ? bytes
                : entity instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(entity);
        String tag = '"' + hash(body) + '"';
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        // a cache may keep it but must ask again every time: the incident changes under it
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
            return;
        }
        response.setEntity(body, response.getEntityAnnotations(), response.getMediaType());
    }

    /** {@code If-None-Match} is {@code *} or a list of tags, possibly weak ({@code W/"…"}: weak comparison suffices for a GET). */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim).map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals("*") || t.equals(tag));
    }

    private static String hash(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
