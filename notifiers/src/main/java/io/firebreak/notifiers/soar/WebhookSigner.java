package io.firebreak.notifiers.soar;

import io.firebreak.notifiers.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures (scheme {@code v1}, contracts/standard-webhooks.md "Signing"): the key is the
 * base64-decoded part of {@code whsec_…}, the signed content {@code <webhook-id>.<webhook-timestamp>.<body>}, the
 * header value {@code v1,<base64 HMAC-SHA256>} once per secret, space-separated (rotation).
 */
public final class WebhookSigner {

    public static final String PREFIX = "whsec_";

    private final List<byte[]> keys;

    /** @throws IllegalArgumentException naming the secret by its mask when one is not {@code whsec_<base64>} */
    public WebhookSigner(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("Standard Webhooks signing needs at least one whsec_ secret");
        }
        this.keys = secrets.stream().map(WebhookSigner::key).toList();
    }

    static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SOAR secret " + Secrets.mask(secret) + " is not whsec_<base64>");
        }
    }

    /** The {@code webhook-signature} header value for this attempt. */
    public String signature(String webhookId, long timestamp, byte[] body) {
        byte[] prefix = (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return keys.stream().map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, prefix, body)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[" + keys.size() + " secret(s)]";
    }
}
