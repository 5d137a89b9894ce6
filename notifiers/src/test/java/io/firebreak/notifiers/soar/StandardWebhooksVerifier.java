package io.firebreak.notifiers.soar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver-side verifier written from contracts/standard-webhooks.md "Verification", deliberately sharing no code
 * with {@link WebhookSigner}: it concatenates strings instead of streaming bytes into the MAC, decodes the secret
 * with the MIME decoder and compares decoded bytes in constant time. Checked against the contract's test vector.
 */
final class StandardWebhooksVerifier {

    private final byte[] key;

    StandardWebhooksVerifier(String secret) {
        this.key = Base64.getMimeDecoder().decode(secret.replaceFirst("^whsec_", ""));
    }

    /** True when any {@code v1} entry of the header is the HMAC of {@code id.timestamp.body} under this secret. */
    boolean verifies(String id, String timestamp, String body, String signatureHeader) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String entry : signatureHeader.split(" ")) {
            String[] parts = entry.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }
}
