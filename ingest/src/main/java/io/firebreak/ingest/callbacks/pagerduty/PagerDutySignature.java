package io.firebreak.ingest.callbacks.pagerduty;

import io.firebreak.ingest.callbacks.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * PagerDuty webhooks v3 signatures (contracts/pagerduty-webhooks-v3.md): {@code X-PagerDuty-Signature} holds one or
 * more comma-separated {@code v1=<hex HMAC-SHA256(secret, raw body)>}; several appear while PagerDuty rotates its
 * secret, and we hold several secrets while we rotate ours. Any match of any pair is accepted; other versions are ignored.
 */
public final class PagerDutySignature {

    public static final String HEADER = "X-PagerDuty-Signature";
    private static final String VERSION = "v1=";
    /** PagerDuty sends two during rotation; more than a handful is not a PagerDuty header, and each costs an HMAC check. */
    static final int MAX_SIGNATURES = 8;

    private final List<String> secrets;

    public PagerDutySignature(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public boolean configured() {
        return !secrets.isEmpty();
    }

    /** True when the header carries a valid signature of exactly these body bytes. */
    public boolean verify(byte[] rawBody, String header) {
        if (header == null || header.isBlank() || secrets.isEmpty()) {
            return false;
        }
        List<byte[]> presented = java.util.Arrays.stream(header.split(",", MAX_SIGNATURES + 1))
                .limit(MAX_SIGNATURES)
                .map(String::trim)
                .filter(signature -> signature.startsWith(VERSION))
                .map(signature -> signature.getBytes(StandardCharsets.UTF_8))
                .toList();
        boolean match = false;
        for (String secret : secrets) {
            byte[] expected = (VERSION + HmacSha256.hex(secret, rawBody)).getBytes(StandardCharsets.UTF_8);
            for (byte[] signature : presented) {
                match |= MessageDigest.isEqual(expected, signature); // constant time, no early exit
            }
        }
        return match;
    }
}
