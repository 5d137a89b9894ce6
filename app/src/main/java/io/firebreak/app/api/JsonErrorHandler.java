package io.firebreak.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before Jersey sees the request (an ambiguous or malformed URI, a bad header), in the
 * same JSON shape as every other error — {@code {"error": ..., "detail": ...}} — instead of Jetty's HTML page.
 * The detail is Jetty's reason phrase; no stack trace or server internals.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        return super.generateAcceptableResponse(request, response, callback, "application/json", List.of(StandardCharsets.UTF_8),
                code, message, cause);
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.write(body(code, message));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    private static String body(int code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        String reason = HttpStatus.getMessage(code);
        body.put("error", reason == null ? "HTTP " + code : reason.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'));
        body.put("detail", message == null || message.isBlank() ? (reason == null ? "HTTP " + code : reason) : message);
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            return "{\"error\":\"http_" + code + "\",\"detail\":\"HTTP " + code + "\"}";
        }
    }
}
