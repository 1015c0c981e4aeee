package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.infra.shopware.JacksonWebhookReader;
import com.shopkhaos.model.intake.IncomingWebhook;
import com.shopkhaos.model.intake.UnreadableMessageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JacksonWebhookReaderTest {
    private final JacksonWebhookReader reader = new JacksonWebhookReader();

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = JacksonWebhookReaderTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheOrderPlacedEnvelope_asShopwareSendsIt() throws Exception {
        IncomingWebhook webhook = reader.read(fixture("checkout.order.placed.json"));
        assertThat(webhook.shopId()).isEqualTo("sandboxShop00001");
        assertThat(webhook.shopUrl()).isEqualTo("http://localhost:8080/shopware-sim");
        assertThat(webhook.eventId()).isEqualTo("8d6a4c1e2b3f4a5d9c8b7a6f5e4d3c2b");
        assertThat(webhook.eventName()).isEqualTo("checkout.order.placed");
        assertThat(webhook.orderId()).isEqualTo("3f9a1c2b4d5e6f708192a3b4c5d6e7f8");
        assertThat(webhook.orderNumber()).isEqualTo("10042");
        assertThat(webhook.sentAt()).isEqualTo(Instant.ofEpochSecond(1795773492L));
    }

    @Test
    void read_refusesBodiesThatAreNotTheEnvelope() {
        assertThatThrownBy(() -> reader.read("{\"data\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> reader.read("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> reader.read("{\"data\":{\"event\":\"x\"},\"source\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("source.shopId");
    }

    @Test
    void read_doesNotQuoteTheBody_whenItIsNotJson() {
        assertThatThrownBy(() -> reader.read("{\"customer\": Jane Smith}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("Jane");
    }

    @Test
    void findShopId_findsTheShopInABrokenBody() {
        byte[] broken = "{\"source\":{\"url\":\"x\",\"shopId\":\"AbC123xyz\",\"eventId\":\"e\"},\"data\":{".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.findShopId(broken)).contains("AbC123xyz");
        assertThat(reader.findShopId("garbage".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
