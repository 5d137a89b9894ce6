package io.firebreak.ingest.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over {@code maxBodyBytes} with 413: at once when {@code Content-Length} says so, otherwise
 * while the body is read (chunked bodies and lying headers), so no request can make us buffer more.
 */
@IngestEndpoint
@Priority(Priorities.AUTHENTICATION + 100)
public final class BodyLimitFilter implements ContainerRequestFilter {

    private final long maxBodyBytes;

    public BodyLimitFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            request.abortWith(tooLarge().getResponse());
            return;
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream()));
    }

    private WebApplicationException tooLarge() {
        return new WebApplicationException(ErrorResponses.of(413, "payload_too_large",
                "the body is larger than the " + maxBodyBytes + " bytes this endpoint accepts"));
    }

    /** Counts bytes as they are read and fails the read that goes over the limit. */
    private final class LimitedInputStream extends FilterInputStream {

        private long count;

        LimitedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            advance(skipped);
            return skipped;
        }

        private void advance(long n) {
            count += n;
            if (count > maxBodyBytes) {
                throw tooLarge();
            }
        }
    }
}
