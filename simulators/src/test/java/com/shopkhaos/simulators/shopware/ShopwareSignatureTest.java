package com.shopkhaos.simulators.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The simulator's signing is HMAC-SHA256 in lowercase hex, as PHP's {@code hash_hmac('sha256', …)} answers. */
class ShopwareSignatureTest {

    @Test
    void signs_asHashHmacSha256_inLowercaseHex() {
        // RFC 4231, test case 2 (key "Jefe")
        assertThat(ShopwareSignature.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matches_onlyTheExactSignature_asShopwareChecksAProof() {
        byte[] data = "shop-id=abc&shop-url=http://shop&timestamp=1".getBytes(StandardCharsets.UTF_8);
        String signature = ShopwareSignature.sign("app-secret", data);
        assertThat(ShopwareSignature.matches("app-secret", data, signature + "\n")).as("trimmed, as Shopware trims").isTrue();
        assertThat(ShopwareSignature.matches("app-secret", data, signature.toUpperCase())).as("case matters").isFalse();
        assertThat(ShopwareSignature.matches("other-secret", data, signature)).isFalse();
        assertThat(ShopwareSignature.matches("app-secret", data, null)).isFalse();
    }
}
