package io.firebreak.ingest.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of the body of a request refused before its body was read (401, 415, 429, ...), up to the
 * body limit, before the answer goes out. Otherwise the server closes the connection with unread bytes in its
 * receive buffer, the kernel answers with a TCP reset, and the sender sees "connection reset" instead of our JSON
 * error — Alertmanager would log a transport error instead of the 401 that says its token is wrong. Bodies over the
 * limit (413) are not read: refusing to read them is the point.
 */
public final class DrainRefusedBodies implements ContainerResponseFilter {

    private final long maxBodyBytes;

    public DrainRefusedBodies(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || response.getStatus() == 413 || request.getLength() > maxBodyBytes) {
            return;
        }
        try {
            InputStream body = request.getEntityStream();
            if (body == null) {
                return;
            }
            byte[] buffer = new byte[8192];
            long left = maxBodyBytes;
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= read;
            }
        } catch (IOException | RuntimeException e) {
            // a sender that went away or a body over the limit: nothing more to do for this answer
        }
    }
}
