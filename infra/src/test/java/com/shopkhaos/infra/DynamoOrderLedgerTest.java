package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.HeldStock;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoOrderLedgerTest {
    private final Adapters adapters = new Adapters();
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    private static String orderId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void create_thenFind_returnsTheSameEntry() {
        String id = orderId();
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop1", id, "10001", "ev-1", "checkout.order.placed", t0);
        adapters.ledger.create(entry);
        assertThat(adapters.ledger.find(id)).contains(entry);
    }

    @Test
    void theStockAnOrderHolds_isKeptAsRecorded_nothingHeldIsNotUnknown_andAnOlderEntryIsUnknown() {
        String id = orderId();
        OrderLedgerEntry entry = OrderLedgerEntry.received("shop1", id, "10009", "ev-1", "checkout.order.placed", t0);
        adapters.ledger.create(entry);
        assertThat(adapters.ledger.find(id).orElseThrow().heldStock()).isEqualTo(HeldStock.NONE);

        HeldStock held = HeldStock.of(java.util.Map.of("SCARF-MER-GRY", 2, "CODE WITH: A COLON", 1));
        adapters.ledger.update(entry.withHeldStock(held).noted("stock held", held.describe(), t0.plusSeconds(1)));
        assertThat(adapters.ledger.find(id).orElseThrow().heldStock()).isEqualTo(held);
        assertThat(adapters.ledger.findAll(java.util.List.of(id)).get(id).heldStock()).isEqualTo(held);

        adapters.cloud.dynamoDb().updateItem(r -> r.tableName(adapters.env.get("ORDERS_TABLE"))
                .key(java.util.Map.of("orderId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id)))
                .updateExpression("REMOVE heldStock"));
        assertThat(adapters.ledger.find(id).orElseThrow().heldStock()).as("an entry of an earlier release").isEqualTo(HeldStock.UNKNOWN);
    }

    @Test
    void create_rejectsSecondEntry_forTheSameOrder() {
        String id = orderId();
        adapters.ledger.create(OrderLedgerEntry.received("shop1", id, "10002", "ev-1", "checkout.order.placed", t0));
        assertThatThrownBy(() -> adapters.ledger.create(
                OrderLedgerEntry.received("shop1", id, "10002", "ev-2", "checkout.order.placed", t0)))
                .isInstanceOf(LedgerVersionConflictException.class);
    }

    @Test
    void update_writesOnlyOverTheVersionItWasMadeFrom() {
        String id = orderId();
        OrderLedgerEntry v1 = OrderLedgerEntry.received("shop1", id, "", "ev-1", "checkout.order.placed", t0);
        adapters.ledger.create(v1);
        OrderLedgerEntry v2 = v1.withWebhook("ev-2", "state_enter.order_transaction.state.paid", "10003", t0.plusSeconds(5));
        adapters.ledger.update(v2);
        OrderLedgerEntry staleChange = v1.moveTo(OrderState.READY, t0.plusSeconds(6), "checked");
        assertThatThrownBy(() -> adapters.ledger.update(staleChange)).isInstanceOf(LedgerVersionConflictException.class);

        OrderLedgerEntry stored = adapters.ledger.find(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.orderNumber()).isEqualTo("10003");
        assertThat(stored.eventIds()).containsExactlyInAnyOrder("ev-1", "ev-2");
        assertThat(stored.timeline()).extracting(t -> t.event())
                .containsExactly("webhook checkout.order.placed", "webhook state_enter.order_transaction.state.paid");
    }

    @Test
    void inState_listsOrdersInThatState_mostRecentlyChangedFirst() {
        String older = orderId();
        String newer = orderId();
        Instant far = Instant.parse("2098-05-01T00:00:00Z");
        adapters.ledger.create(OrderLedgerEntry.received("shop1", older, "1", "e1", "checkout.order.placed", far)
                .moveTo(OrderState.READY, far, "ok").moveTo(OrderState.WITHDRAWN, far, "cancelled"));
        adapters.ledger.create(OrderLedgerEntry.received("shop1", newer, "2", "e2", "checkout.order.placed", far)
                .moveTo(OrderState.WITHDRAWN, far.plusSeconds(1), "cancelled"));
        assertThat(adapters.ledger.inState(OrderState.WITHDRAWN, 2)).extracting(OrderLedgerEntry::orderId)
                .containsExactly(newer, older);
    }

    @Test
    void theHandoverToKhaos_andTheExceptionsHoldingAnOrder_surviveTheRoundTrip() {
        String id = orderId();
        String salesOrder = "{\"Header\":{\"AssociatedRef\":\"10007\"},\"Items\":[" + "{\"SKU\":\"X\"},".repeat(2000) + "{}]}";
        OrderLedgerEntry held = OrderLedgerEntry.received("shop1", id, "10007", "ev-1", "checkout.order.placed", t0)
                .quarantined(List.of("UNKNOWN_SKU#10007:X", "VAT_MISMATCH#10007:vat-20"), t0.plusSeconds(1), "2 problems");
        adapters.ledger.create(held);
        assertThat(adapters.ledger.find(id)).contains(held);

        OrderLedgerEntry ready = held.ready(salesOrder, t0.plusSeconds(2), "checked");
        adapters.ledger.update(ready);
        OrderLedgerEntry downloaded = ready.moveTo(OrderState.DOWNLOADED, ready.khaos().servedIn("kc1-1-a").downloaded(t0.plusSeconds(3)),
                t0.plusSeconds(3), "acknowledged");
        adapters.ledger.update(downloaded);
        OrderLedgerEntry imported = downloaded.moveTo(OrderState.IMPORTED, downloaded.khaos().reported("SO05001", "5001", "Received", KhaosOrderProgress.RECEIVED),
                t0.plusSeconds(4), "Khaos SO05001");
        adapters.ledger.update(imported);

        OrderLedgerEntry stored = adapters.ledger.find(id).orElseThrow();
        assertThat(stored).isEqualTo(imported);
        assertThat(stored.exceptionIds()).isEmpty();
        assertThat(stored.khaos()).isEqualTo(new KhaosHandover(salesOrder, "kc1-1-a", t0.plusSeconds(3), "SO05001", "5001", "Received",
                KhaosOrderProgress.RECEIVED));
        assertThat(adapters.ledger.findByOrderNumber("10007")).contains(imported);
    }

    @Test
    void inStateChangedBefore_listsTheLongestWaitingFirst_toTheNanosecond() {
        Instant base = Instant.parse("2097-03-01T10:00:00Z");
        String first = orderId();
        String second = orderId();
        String later = orderId();
        // 10:00:00.5 sorts after 10:00:00 and before 10:00:01 only if times are stored fixed-width
        adapters.ledger.create(OrderLedgerEntry.received("shop1", second, "2", "e2", "checkout.order.placed", base.plusMillis(500))
                .moveTo(OrderState.WITHDRAWN, base.plusMillis(500), "x"));
        adapters.ledger.create(OrderLedgerEntry.received("shop1", first, "1", "e1", "checkout.order.placed", base)
                .moveTo(OrderState.WITHDRAWN, base, "x"));
        adapters.ledger.create(OrderLedgerEntry.received("shop1", later, "3", "e3", "checkout.order.placed", base.plusSeconds(1))
                .moveTo(OrderState.WITHDRAWN, base.plusSeconds(1), "x"));

        assertThat(adapters.ledger.inStateChangedBefore(OrderState.WITHDRAWN, base.plusSeconds(1), 1000))
                .extracting(OrderLedgerEntry::orderId).containsSubsequence(first, second).doesNotContain(later);
    }

    @Test
    void inStateChangedBefore_readsPastDynamoDbsOneMegabytePages() {
        Instant base = Instant.parse("2096-01-01T00:00:00Z");
        Random random = new Random(7);
        int count = 300;
        for (int i = 0; i < count; i++) {
            StringBuilder noise = new StringBuilder();
            random.ints(8_000, 0, 16).forEach(d -> noise.append(Integer.toHexString(d)));
            adapters.ledger.create(OrderLedgerEntry.received("shop1", orderId(), "P" + i, "e" + i, "checkout.order.placed", base)
                    .ready("{\"n\":\"" + noise + "\"}", base.plusMillis(i), "checked")
                    .moveTo(OrderState.QUARANTINED, base.plusMillis(i), "held"));
        }
        assertThat(adapters.ledger.inStateChangedBefore(OrderState.QUARANTINED, base.plusSeconds(1), 1000)
                .stream().filter(e -> e.orderNumber().startsWith("P")).count()).isEqualTo(count);
    }

    @Test
    void anEntryWrittenBeforeTheEnhancedClient_readsBackWhole_andItsNextChangeIsVersionChecked() throws Exception {
        String id = orderId();
        String salesOrder = "{\"Header\":{\"AssociatedRef\":\"10099\"},\"Items\":[" + "{\"SKU\":\"Y\"},".repeat(4000) + "{}]}";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(zipped)) {
            zip.write(salesOrder.getBytes(StandardCharsets.UTF_8));
        }
        // the item exactly as the hand-written mapping stored it: a gzipped sales order, a timeline step with no detail
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", AttributeValue.fromS(id));
        item.put("shopId", AttributeValue.fromS("shop1"));
        item.put("orderNumber", AttributeValue.fromS("10099"));
        item.put("state", AttributeValue.fromS("DOWNLOADED"));
        item.put("version", AttributeValue.fromN("4"));
        item.put("createdAt", AttributeValue.fromS("2026-11-27T10:00:00.000000000Z"));
        item.put("updatedAt", AttributeValue.fromS("2026-11-27T10:00:03.500000000Z"));
        item.put("expiresAt", AttributeValue.fromN("1900000000"));
        item.put("timeline", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                "at", AttributeValue.fromS("2026-11-27T10:00:00.000000000Z"), "state", AttributeValue.fromS("RECEIVED"),
                "event", AttributeValue.fromS("webhook checkout.order.placed"))))));
        item.put("eventIds", AttributeValue.fromL(List.of(AttributeValue.fromS("ev-1"))));
        item.put("salesOrderGzip", AttributeValue.fromB(SdkBytes.fromByteArray(zipped.toByteArray())));
        item.put("servedPage", AttributeValue.fromS("kc1-4-a"));
        item.put("downloadedAt", AttributeValue.fromS("2026-11-27T10:00:03.500000000Z"));
        item.put("khaosStatus", AttributeValue.fromS("Received"));
        adapters.cloud.dynamoDb().putItem(b -> b.tableName(adapters.env.get("ORDERS_TABLE")).item(item));

        OrderLedgerEntry stored = adapters.ledger.find(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(4);
        assertThat(stored.state()).isEqualTo(OrderState.DOWNLOADED);
        assertThat(stored.timeline()).singleElement().satisfies(t -> assertThat(t.detail()).isEmpty());
        assertThat(stored.eventIds()).containsExactly("ev-1");
        assertThat(stored.khaos()).isEqualTo(new KhaosHandover(salesOrder, "kc1-4-a", Instant.parse("2026-11-27T10:00:03.500Z"),
                "", "", "Received", KhaosOrderProgress.RECEIVED));
        assertThat(adapters.ledger.findByOrderNumber("10099")).contains(stored);

        OrderLedgerEntry imported = stored.moveTo(OrderState.IMPORTED, stored.khaos().reported("SO05099", "5099", "Received",
                KhaosOrderProgress.RECEIVED), Instant.parse("2026-11-27T10:00:05Z"), "Khaos SO05099");
        adapters.ledger.update(imported);
        assertThatThrownBy(() -> adapters.ledger.update(stored.moveTo(OrderState.CANCELLED, Instant.parse("2026-11-27T10:00:06Z"),
                "a change made from the older version"))).isInstanceOf(LedgerVersionConflictException.class);
        assertThat(adapters.ledger.find(id)).contains(imported);
        assertThat(adapters.ledger.find(id).orElseThrow().version()).isEqualTo(5);
    }

    @Test
    void findByOrderNumber_isEmpty_forANumberNeverSeen() {
        assertThat(adapters.ledger.findByOrderNumber("no-such-number")).isEmpty();
    }

    @Test
    void find_returnsEmpty_forAnUnknownOrder() {
        assertThat(adapters.ledger.find(orderId())).isEmpty();
    }
}
