package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.infra.shopware.JacksonWebhookReader;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.intake.IntakeOutcome;
import com.shopkhaos.model.intake.OrderEventPublisher;
import com.shopkhaos.model.intake.WebhookIntakeService;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.intake.IntakeAnswer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The intake flow with its real adapters against the emulators. */
class WebhookIntakeIntegrationTest {
    private static final String SHOP_SECRET = "shop-secret-" + "x".repeat(52);
    private final Adapters adapters = new Adapters();
    private final JacksonWebhookReader reader = new JacksonWebhookReader();
    private String shopId;

    @BeforeEach
    void registerShop() {
        shopId = "shop" + Long.toString(System.nanoTime(), 36);
        adapters.shops.save(ShopRegistration.pending(shopId, "http://shop.test", SHOP_SECRET, Instant.now())
                .confirmed("http://shop.test", "KEY", "SECRET", Instant.now()));
        SqsOrderEventPublisherTest.drainOrderEvents(adapters);
    }

    private WebhookIntakeService intake(OrderEventPublisher publisher) {
        return new WebhookIntakeService(reader, adapters.shops, adapters.ledger, adapters.exceptions,
                publisher, Clock.systemUTC());
    }

    private WebhookIntakeService intake() {
        return intake(adapters.publisher);
    }

    private String orderPlaced(String eventId, String orderId, String orderNumber) {
        return "{\"data\":{\"payload\":{\"order\":{\"orderNumber\":\"" + orderNumber + "\",\"id\":\"" + orderId
                + "\",\"apiAlias\":\"order\"}},\"event\":\"checkout.order.placed\"},\"source\":{\"url\":\"http:\\/\\/shop.test\","
                + "\"eventId\":\"" + eventId + "\",\"shopId\":\"" + shopId + "\",\"appVersion\":\"1.0.0\"},\"timestamp\":1795773492}";
    }

    private static Optional<String> signed(String body, String secret) {
        return Optional.of(HmacSignature.sign(secret, body));
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void signedOrderPlaced_isRecordedAndQueued_once_evenWhenDeliveredThreeTimes() {
        String eventId = id();
        String orderId = id();
        String body = orderPlaced(eventId, orderId, "10042");
        WebhookIntakeService intake = intake();
        for (int delivery = 0; delivery < 3; delivery++) {
            IntakeAnswer answer = intake.handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET));
            assertThat(answer.outcome()).isEqualTo(delivery == 0 ? IntakeOutcome.ACCEPTED : IntakeOutcome.DUPLICATE);
        }
        OrderLedgerEntry entry = adapters.ledger.find(orderId).orElseThrow();
        assertThat(entry.state()).isEqualTo(OrderState.RECEIVED);
        assertThat(entry.orderNumber()).isEqualTo("10042");
        assertThat(entry.timeline()).hasSize(1);
        List<OrderEvent> queued = SqsOrderEventPublisherTest.drainOrderEvents(adapters);
        assertThat(queued).filteredOn(e -> e.eventId().equals(eventId)).singleElement()
                .satisfies(e -> {
                    assertThat(e.orderId()).isEqualTo(orderId);
                    assertThat(e.orderNumber()).isEqualTo("10042");
                    assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(1795773492L));
                });
    }

    @Test
    void aFurtherEventOfTheOrder_isQueuedAndNotedOnItsEntry_andItsRedeliveryIsADuplicate() {
        String orderId = id();
        String first = orderPlaced(id(), orderId, "10049");
        String secondId = id();
        String second = orderPlaced(secondId, orderId, "10049");
        WebhookIntakeService intake = intake();
        assertThat(intake.handle(first.getBytes(StandardCharsets.UTF_8), signed(first, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.ACCEPTED);
        assertThat(intake.handle(second.getBytes(StandardCharsets.UTF_8), signed(second, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.ACCEPTED);
        assertThat(intake.handle(second.getBytes(StandardCharsets.UTF_8), signed(second, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.DUPLICATE);

        OrderLedgerEntry entry = adapters.ledger.find(orderId).orElseThrow();
        assertThat(entry.timeline()).hasSize(2);
        assertThat(entry.hasSeen(secondId)).isTrue();
        assertThat(SqsOrderEventPublisherTest.drainOrderEvents(adapters)).filteredOn(e -> e.orderId().equals(orderId))
                .extracting(OrderEvent::eventId).hasSize(2).containsOnlyOnce(secondId);
    }

    @Test
    void wrongOrMissingSignature_orUnknownShop_gets401_andStoresNothing() {
        String orderId = id();
        String body = orderPlaced(id(), orderId, "10043");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        WebhookIntakeService intake = intake();
        assertThat(intake.handle(bytes, signed(body, "not-the-secret")).outcome()).isEqualTo(IntakeOutcome.UNAUTHENTICATED);
        assertThat(intake.handle(bytes, Optional.empty()).outcome()).isEqualTo(IntakeOutcome.UNAUTHENTICATED);
        String otherShop = body.replace(shopId, "unknownShop99");
        assertThat(intake.handle(otherShop.getBytes(StandardCharsets.UTF_8), signed(otherShop, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.UNAUTHENTICATED);
        String tampered = body.replace("10043", "10044");
        assertThat(intake.handle(tampered.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.UNAUTHENTICATED);

        assertThat(adapters.ledger.find(orderId)).isEmpty();
        assertThat(SqsOrderEventPublisherTest.drainOrderEvents(adapters)).isEmpty();
    }

    @Test
    void bodyOverOneMebibyte_gets413() {
        String body = "{\"pad\":\"" + "a".repeat(1024 * 1024) + "\"}";
        IntakeAnswer answer = intake().handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET));
        assertThat(answer.outcome()).isEqualTo(IntakeOutcome.TOO_LARGE);
    }

    @Test
    void signedButUnreadableBody_gets400_andIsKeptWholeAsAnException() {
        String body = "{\"source\":{\"shopId\":\"" + shopId + "\",\"eventId\":\"" + id() + "\"},\"data\":{\"event\":";
        IntakeAnswer answer = intake().handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET));
        assertThat(answer.outcome()).isEqualTo(IntakeOutcome.UNREADABLE);
        ExceptionRecord kept = adapters.exceptions.listOpen(50).stream()
                .filter(e -> e.evidence().equals(body)).findFirst().orElseThrow();
        assertThat(kept.reason()).contains("not readable");
        assertThat(kept.id()).startsWith("WEBHOOK_UNREADABLE#webhook-");
    }

    @Test
    void signedBodyWithoutEventId_gets400_andIsKept() {
        String body = orderPlaced("", id(), "10045").replace("\"eventId\":\"\",", "");
        IntakeAnswer answer = intake().handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET));
        assertThat(answer.outcome()).isEqualTo(IntakeOutcome.UNREADABLE);
        assertThat(adapters.exceptions.listOpen(50)).anySatisfy(e -> {
            assertThat(e.id()).startsWith("WEBHOOK_WITHOUT_EVENT_ID#");
            assertThat(e.evidence()).isEqualTo(body);
        });
    }

    @Test
    void unhandledEvent_isAnswered200_ignored_andCounted() {
        String body = orderPlaced(id(), id(), "10046").replace("checkout.order.placed", "product.written");
        WebhookIntakeService intake = intake();
        IntakeAnswer answer = intake.handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET));
        assertThat(answer.outcome()).isEqualTo(IntakeOutcome.IGNORED_EVENT);
        assertThat(intake.counters().ignoredEvents()).containsEntry("product.written", 1L);
        assertThat(SqsOrderEventPublisherTest.drainOrderEvents(adapters)).isEmpty();
    }

    @Test
    void queueFailingOnce_answers503_takesItsNoteBack_andTheRetryQueuesItOnce() {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        OrderEventPublisher failingOnce = event -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("SQS unavailable");
            }
            adapters.publisher.publish(event);
        };
        WebhookIntakeService intake = intake(failingOnce);
        String eventId = id();
        String orderId = id();
        String body = orderPlaced(eventId, orderId, "10047");
        assertThat(intake.handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.NOT_STORED);
        assertThat(adapters.ledger.find(orderId).orElseThrow().hasSeen(eventId)).as("the note taken back").isFalse();

        assertThat(intake.handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.ACCEPTED);
        assertThat(intake.handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.DUPLICATE);
        assertThat(SqsOrderEventPublisherTest.drainOrderEvents(adapters))
                .filteredOn(e -> e.eventId().equals(eventId)).hasSize(1);
    }

    @Test
    void aQueueThatRefusesTheEvent_whenItsNoteCannotBeTakenBack_leavesTheOrderRecordedForTheSweep() {
        com.shopkhaos.model.ledger.OrderLedger notesFail = new com.shopkhaos.model.ledger.OrderLedger() {
            @Override
            public Optional<OrderLedgerEntry> find(String orderId) {
                return adapters.ledger.find(orderId);
            }

            @Override
            public void create(OrderLedgerEntry entry) {
                adapters.ledger.create(entry);
            }

            @Override
            public void update(OrderLedgerEntry changed) {
                throw new IllegalStateException("DynamoDB: throttled");
            }

            @Override
            public List<OrderLedgerEntry> inState(OrderState state, int limit) {
                return adapters.ledger.inState(state, limit);
            }

            @Override
            public List<OrderLedgerEntry> inStateChangedBefore(OrderState state, Instant before, int limit) {
                return adapters.ledger.inStateChangedBefore(state, before, limit);
            }

            @Override
            public Optional<OrderLedgerEntry> findByOrderNumber(String orderNumber) {
                return adapters.ledger.findByOrderNumber(orderNumber);
            }
        };
        OrderEventPublisher queueDown = event -> {
            throw new IllegalStateException("SQS unavailable");
        };
        WebhookIntakeService intake = new WebhookIntakeService(reader, adapters.shops, notesFail, adapters.exceptions,
                queueDown, Clock.systemUTC());
        String eventId = id();
        String orderId = id();
        String body = orderPlaced(eventId, orderId, "10050");

        assertThat(intake.handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET)).outcome())
                .isEqualTo(IntakeOutcome.NOT_STORED);

        OrderLedgerEntry entry = adapters.ledger.find(orderId).orElseThrow();
        assertThat(entry.state()).as("RECEIVED: the sweep feeds it again after its grace").isEqualTo(OrderState.RECEIVED);
        assertThat(entry.hasSeen(eventId)).isTrue();
        assertThat(SqsOrderEventPublisherTest.drainOrderEvents(adapters)).filteredOn(e -> e.eventId().equals(eventId)).isEmpty();
    }

    @Test
    void storageDown_answers503_soTheShopRetries() {
        DynamoDbClient unreachable = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.EU_WEST_2).credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        WebhookIntakeService intake = new WebhookIntakeService(reader, adapters.shops,
                new DynamoOrderLedger(unreachable, adapters.env.get("ORDERS_TABLE")), adapters.exceptions,
                adapters.publisher, Clock.systemUTC());
        String body = orderPlaced(id(), id(), "10048");
        IntakeAnswer answer = intake.handle(body.getBytes(StandardCharsets.UTF_8), signed(body, SHOP_SECRET));
        assertThat(answer.outcome()).isEqualTo(IntakeOutcome.NOT_STORED);
        assertThat(SqsOrderEventPublisherTest.drainOrderEvents(adapters)).isEmpty();
    }
}
