package io.firebreak.embedded;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.TransactionResult;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;

/**
 * Writes one transaction marker to one partition, as a transaction coordinator does ({@code WriteTxnMarkers}).
 *
 * <p>Hand-written because no client API can: the Admin client writes only <em>abort</em> markers
 * ({@code abortTransaction}, KIP-664), and rolling a committed transaction forward needs a commit marker. The request
 * goes over a plain socket in Kafka's framing (size, header, body) to the embedded broker, whose listener is plaintext
 * and which runs no authorizer; a secured cluster never needs this.
 */
final class TransactionMarkers {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String CLIENT_ID = "firebreak-embedded-transaction-markers";

    private TransactionMarkers() {
    }

    /** Ends {@code open} on its partition the way {@code outcome} says; throws when the broker refuses. */
    static void write(String bootstrapServers, HangingTransactions.OpenTransaction open, TransactionOutcomes.Outcome outcome)
            throws IOException {
        var marker = new WriteTxnMarkersRequest.TxnMarkerEntry(outcome.producerId(), outcome.markerEpoch(), open.coordinatorEpoch(),
                outcome.commit() ? TransactionResult.COMMIT : TransactionResult.ABORT, List.of(open.partition()),
                outcome.transactionVersion());
        short version = ApiKeys.WRITE_TXN_MARKERS.latestVersion();
        WriteTxnMarkersRequest request = new WriteTxnMarkersRequest.Builder(List.of(marker)).build(version);
        RequestHeader header = new RequestHeader(ApiKeys.WRITE_TXN_MARKERS, version, CLIENT_ID, 1);
        WriteTxnMarkersResponse response = (WriteTxnMarkersResponse) exchange(firstAddress(bootstrapServers), request.serializeWithHeader(header), header);
        Errors error = response.errorsByProducerId().getOrDefault(outcome.producerId(), Map.of())
                .getOrDefault(open.partition(), Errors.UNKNOWN_SERVER_ERROR);
        if (error != Errors.NONE) {
            throw new IOException("broker refused the " + (outcome.commit() ? "commit" : "abort") + " marker for " + open.partition()
                    + ": " + error.name());
        }
    }

    private static AbstractResponse exchange(InetSocketAddress address, ByteBuffer request, RequestHeader header) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(request.remaining());
            byte[] bytes = new byte[request.remaining()];
            request.get(bytes);
            out.write(bytes);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] response = new byte[in.readInt()];
            in.readFully(response);
            return AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
        }
    }

    private static InetSocketAddress firstAddress(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }
}
