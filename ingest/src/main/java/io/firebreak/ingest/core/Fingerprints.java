package io.firebreak.ingest.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Identity of an alert when the sender gave none: a hash of its sorted label set (DESIGN §6.1). */
public final class Fingerprints {

    /** Same length as Alertmanager's own fingerprints (16 hex chars = 64 bits). */
    static final int HEX_CHARS = 16;

    private Fingerprints() {
    }

    public static String ofLabels(Map<String, String> labels) {
        MessageDigest sha256 = sha256();
        // NUL separators: label names and values cannot be confused across boundaries ("a=b,c" vs "a=b" "c").
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            sha256.update(label.getKey().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(label.getValue().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha256.digest()).substring(0, HEX_CHARS);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
