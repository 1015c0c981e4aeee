package com.shopkhaos.simulators.shopware;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Shopware signs what it sends an app, written from its app documentation and kept apart from the code it
 * talks to (the simulator is the other side): PHP's {@code hash_hmac('sha256', $data, $secret)}, that is
 * HMAC-SHA256 in lowercase hex. The registration request's query is signed with the app secret
 * ({@code shopware-app-signature}); the confirmation and every webhook body with the shop secret
 * ({@code shopware-shop-signature}); the app's proof is the same over shop id, shop URL and app name.
 */
public final class ShopwareSignature {
    private static final String ALGORITHM = "HmacSHA256";

    private ShopwareSignature() {
    }

    public static String sign(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    public static String sign(String secret, String data) {
        return sign(secret, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True when {@code presented} is the signature of {@code data} with {@code secret}: as Shopware checks an app's
     * proof, {@code hash_equals($expected, trim($presented))} (constant time, case matters).
     */
    public static boolean matches(String secret, byte[] data, String presented) {
        if (secret == null || secret.isEmpty() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, data).getBytes(StandardCharsets.US_ASCII),
                presented.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
