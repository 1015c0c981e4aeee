package com.shopkhaos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.app.AppIdentity;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopSecretIssuer;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.events.UnsupportedMessageVersionException;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.signing.HmacSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedContractsTest {
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void exceptionId_isTypeAndSubject_soARepeatLandsOnTheSameRecord() {
        ExceptionRecord first = ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other("webhook-abc"), "r1", "", t0);
        ExceptionRecord again = ExceptionRecord.open(ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other("webhook-abc"), "r2", "", t0.plusSeconds(9));
        assertThat(first.id()).isEqualTo("WEBHOOK_UNREADABLE#webhook-abc").isEqualTo(again.id());
        assertThat(first.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(first.suggestedAction()).isEqualTo(ExceptionType.WEBHOOK_UNREADABLE.suggestedAction());
        assertThat(first.resolved("ops", t0).status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void exceptionRecord_refusesAnIdThatIsNotTypeAndSubject() {
        assertThatThrownBy(() -> new ExceptionRecord("made-up", ExceptionType.WEBHOOK_UNREADABLE, ExceptionSubject.other("s"),
                ExceptionStatus.OPEN, "", "", "", t0, t0, 1, null, null, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyExceptionType_tellsAPersonWhatToDo() {
        for (ExceptionType type : ExceptionType.values()) {
            assertThat(type.title()).isNotBlank();
            assertThat(type.suggestedAction()).hasSizeGreaterThan(40);
            assertThat(type.handbookAnchor()).matches("[a-z-]+");
        }
    }

    @Test
    void orderEvent_isVersioned_andRefusesANewerVersion() {
        OrderEvent event = OrderEvent.of("e1", "shop", OrderEventType.ORDER_PLACED, "o1", null, t0);
        assertThat(event.schemaVersion()).isEqualTo(OrderEvent.SCHEMA_VERSION);
        assertThat(event.orderNumber()).isEmpty();
        assertThatThrownBy(() -> new OrderEvent(OrderEvent.SCHEMA_VERSION + 1, "e1", "shop", OrderEventType.ORDER_PLACED, "o1",
                "", t0)).isInstanceOf(UnsupportedMessageVersionException.class);
    }

    @Test
    void hmac_matchesTheRfc4231TestVector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(HmacSignature.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hmacVerify_acceptsUpperCaseHex_andRejectsATamperedBody() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = HmacSignature.sign("secret", body);
        assertThat(HmacSignature.verify("secret", body, signature.toUpperCase())).isTrue();
        assertThat(HmacSignature.verify("secret", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(HmacSignature.verify("secret", body, null)).isFalse();
        assertThat(HmacSignature.verify("", body, signature)).isFalse();
    }

    @Test
    void shopSecrets_areRandomAndLong_exceptForTheConfiguredSandboxShop() {
        ShopSecretIssuer issuer = new ShopSecretIssuer(Optional.of("sandboxShop"), Optional.of("fixed-secret"));
        assertThat(issuer.issueFor("sandboxShop")).isEqualTo("fixed-secret");
        String random = issuer.issueFor("otherShop");
        assertThat(random).hasSize(64).matches("[A-Za-z0-9]+").isNotEqualTo(issuer.issueFor("otherShop"));
    }

    @Test
    void secrets_neverAppearInToString() {
        ShopRegistration r = ShopRegistration.pending("s1", "https://shop", "very-secret", t0)
                .confirmed("https://shop", "KEY", "api-secret", t0);
        assertThat(r.toString()).doesNotContain("very-secret").doesNotContain("api-secret");
        assertThat(new AppIdentity("App", "app-secret", Optional.empty()).toString()).doesNotContain("app-secret");
    }

    @Test
    void ourBaseUrl_isTheConfiguredOne_orTheRequestsOwn_withoutTrailingSlash() {
        assertThat(new AppIdentity("App", "s", Optional.of("https://api.example.com/")).baseUrl("http://ignored"))
                .isEqualTo("https://api.example.com");
        assertThat(new AppIdentity("App", "s", Optional.empty()).baseUrl("https://abc.execute-api.eu-west-2.amazonaws.com/"))
                .isEqualTo("https://abc.execute-api.eu-west-2.amazonaws.com");
    }
}
