package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.infra.shopware.JacksonWebhookReader;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.intake.WebhookIntakeService;
import com.shopkhaos.model.signing.HmacSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What intake writes to the log: event ids and order numbers, never names, emails or addresses. */
class IntakeLogsTest {
    private static final String SECRET = "log-test-shop-secret-" + "z".repeat(44);
    private final List<String> lines = new ArrayList<>();
    private final Logger logger = Logger.getLogger(WebhookIntakeService.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(String.valueOf(record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void attach() {
        logger.addHandler(capture);
    }

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
    }

    @Test
    void logsCarryEventIdAndOrderNumber_neverPersonalData() throws Exception {
        Adapters adapters = new Adapters();
        adapters.shops.save(ShopRegistration.pending("sandboxShop00001", "http://x", SECRET, Instant.now())
                .confirmed("http://x", "k", "s", Instant.now()));
        WebhookIntakeService intake = new WebhookIntakeService(new JacksonWebhookReader(), adapters.shops,
                adapters.ledger, adapters.exceptions, adapters.publisher, Clock.systemUTC());
        String eventId = UUID.randomUUID().toString().replace("-", "");
        String body = new String(JacksonWebhookReaderTest.fixture("checkout.order.placed.json"), StandardCharsets.UTF_8)
                .replace("8d6a4c1e2b3f4a5d9c8b7a6f5e4d3c2b", eventId);
        intake.handle(body.getBytes(StandardCharsets.UTF_8), Optional.of(HmacSignature.sign(SECRET, body)));
        String unreadable = body.substring(0, body.length() - 40);
        intake.handle(unreadable.getBytes(StandardCharsets.UTF_8), Optional.of(HmacSignature.sign(SECRET, unreadable)));

        assertThat(lines).anyMatch(l -> l.contains(eventId) && l.contains("10042"));
        assertThat(lines).anyMatch(l -> l.contains("kept as exception"));
        assertThat(String.join("\n", lines)).doesNotContain("Jane").doesNotContain("Smith")
                .doesNotContain("jane.smith@example.co.uk").doesNotContain("Acacia").doesNotContain("LS1 4AP")
                .doesNotContain("0113");
        SqsOrderEventPublisherTest.drainOrderEvents(adapters);
    }
}
