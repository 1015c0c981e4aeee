package com.shopkhaos.model.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 as Shopware uses it for {@code shopware-app-signature} and
 * {@code shopware-shop-signature}: lowercase hex over the exact bytes sent.
 */
public final class HmacSignature {
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private HmacSignature() {
    }

    public static String sign(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HEX.formatHex(mac.doFinal(data));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public static String sign(String secret, String data) {
        return sign(secret, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares in constant time, so the answer's timing does not leak how much of a guess was right. */
    public static boolean verify(String secret, byte[] data, String presentedHex) {
        if (presentedHex == null || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] expected = sign(secret, data).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = presentedHex.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented);
    }
}
