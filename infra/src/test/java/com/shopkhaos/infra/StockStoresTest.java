package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoInFlightHolds;
import com.shopkhaos.infra.dynamodb.DynamoKhaosStockLevels;
import com.shopkhaos.infra.dynamodb.DynamoStockVersions;
import com.shopkhaos.infra.dynamodb.DynamoWebStock;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.stock.InFlightHold;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.ShopSku;
import com.shopkhaos.model.stock.WebStock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

/** The stock tables against the DynamoDB emulator: figures in order of receipt, in-flight holds, the web stock cache. */
class StockStoresTest {
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.allFunctionsEnvironment();
    private final DynamoStockVersions versions = new DynamoStockVersions(cloud.dynamoDb(), env.get("IN_FLIGHT_TABLE"));
    private final DynamoKhaosStockLevels levels = new DynamoKhaosStockLevels(cloud.dynamoDb(), env.get("STOCK_TABLE"), versions);
    private final DynamoInFlightHolds holds = new DynamoInFlightHolds(cloud.dynamoDb(), env.get("IN_FLIGHT_TABLE"));
    private final InFlightOrders inFlight = new InFlightOrders(holds, versions);
    private final DynamoWebStock webStock = new DynamoWebStock(cloud.dynamoDb(), env.get("WEB_STOCK_TABLE"));
    private final Instant t0 = Instant.parse("2026-11-27T12:00:00Z");

    private static String code() {
        return "SC-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aStockFigure_isReplacedOnlyByALaterOne_perCodeAndSite() {
        String code = code();
        assertThat(levels.record(List.of(new StockLevel(code, "1", 1, new BigDecimal("5"), t0.plusSeconds(10)),
                new StockLevel(code, "1", 2, new BigDecimal("2.5"), t0.plusSeconds(10))))).containsExactly(code);
        assertThat(levels.record(List.of(new StockLevel(code, "1", 1, new BigDecimal("9"), t0)))).as("older: ignored").isEmpty();
        levels.record(List.of(new StockLevel(code, "1", 1, new BigDecimal("4"), t0.plusSeconds(20)),
                new StockLevel(code, "1", 1, new BigDecimal("3"), t0.plusSeconds(20))));
        assertThat(levels.levels(code)).extracting(StockLevel::site, l -> l.available().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder(Tuple.tuple(1, "3"), Tuple.tuple(2, "2.5"));
        assertThat(levels.all()).anyMatch(l -> l.stockCode().equals(code));
        assertThat(versions.current(List.of(code))).as("bumped by each push that stored a figure, not by the older one")
                .containsEntry(code, 2L);
    }

    @Test
    void anOrdersHolds_changeOnlyWhenTheirQuantitiesDo_areWrittenAgainWhenNotRecorded_andAreSettledThenReleased() {
        String a = code();
        String b = code();
        String order = UUID.randomUUID().toString().replace("-", "");
        assertThat(inFlight.hold(order, "10001", Optional.of(Map.of()), Map.of(a, 2, b, 1), t0))
                .containsExactlyInAnyOrder(a, b);
        assertThat(inFlight.hold(order, "10001", Optional.of(Map.of()), Map.of(a, 2, b, 1), t0.plusSeconds(1)))
                .as("a redelivery before the ledger recorded them: written and sent again").containsExactlyInAnyOrder(a, b);
        assertThat(inFlight.hold(order, "10001", Optional.of(Map.of(a, 2, b, 1)), Map.of(a, 2, b, 1), t0.plusSeconds(2)))
                .as("as recorded: nothing to do").isEmpty();

        assertThat(inFlight.hold(order, "10001", Optional.of(Map.of(a, 2, b, 1)), Map.of(a, 3), t0.plusSeconds(3)))
                .as("the code the order no longer has is released").containsExactlyInAnyOrder(a, b);
        assertThat(inFlight.holds(a)).extracting(InFlightHold::quantity).containsExactly(3);
        assertThat(inFlight.holds(b)).as("a released hold is gone").isEmpty();
        assertThat(holds.codesOf(order)).containsExactly(a);

        assertThat(inFlight.imported(order, t0.plusSeconds(5))).containsExactly(a);
        assertThat(inFlight.holds(a)).singleElement().satisfies(h -> assertThat(h.importedAt()).isEqualTo(t0.plusSeconds(5)));
        inFlight.imported(order, t0.plusSeconds(9));
        assertThat(inFlight.holds(a).get(0).importedAt()).as("the first report stands").isEqualTo(t0.plusSeconds(5));
        inFlight.hold(order, "10001", Optional.empty(), Map.of(a, 3), t0.plusSeconds(7));
        assertThat(inFlight.holds(a)).as("a late redelivery writing the hold again keeps Khaos's import of it")
                .singleElement().satisfies(h -> assertThat(h.importedAt()).isEqualTo(t0.plusSeconds(5)));

        assertThat(inFlight.release(order, "10001", Optional.empty(), t0.plusSeconds(10))).containsExactly(a);
        assertThat(holds.codesOf(order)).isEmpty();
        assertThat(inFlight.holds(a)).as("a code's sequence is no hold").isEmpty();
        assertThat(inFlight.all()).noneMatch(h -> h.stockCode().equals(a));
        assertThat(versions.current(List.of(a, b))).as("every call that changed a code bumps it, a redelivery too")
                .containsEntry(a, 7L).containsEntry(b, 3L);
        assertThat(versions.all()).containsEntry(a, 7L).containsEntry(b, 3L);
    }

    @Test
    void aHoldOfAnOlderRelease_stillMarkedUnsentOrReleasedToZero_isReleasedWhenTheOrderIsNotRecorded() {
        String code = code();
        String zero = code();
        String order = UUID.randomUUID().toString().replace("-", "");
        cloud.dynamoDb().putItem(r -> r.tableName(env.get("IN_FLIGHT_TABLE")).item(Map.of("stockCode", AttributeValue.fromS(code),
                "orderId", AttributeValue.fromS(order), "orderNumber", AttributeValue.fromS("10001"),
                "quantity", AttributeValue.fromN("2"), "heldAt", AttributeValue.fromS("2026-11-27T12:00:00.000000000Z"),
                "changePending", AttributeValue.fromBool(true))));
        cloud.dynamoDb().putItem(r -> r.tableName(env.get("IN_FLIGHT_TABLE")).item(Map.of("stockCode", AttributeValue.fromS(zero),
                "orderId", AttributeValue.fromS(order), "orderNumber", AttributeValue.fromS("10001"),
                "quantity", AttributeValue.fromN("0"), "heldAt", AttributeValue.fromS("2026-11-27T12:00:00.000000000Z"))));

        assertThat(inFlight.holds(code)).extracting(InFlightHold::orderNumber, InFlightHold::quantity, InFlightHold::heldAt)
                .containsExactly(Tuple.tuple("10001", 2, t0));
        assertThat(inFlight.holds(zero)).as("a hold of 0 counts nothing").isEmpty();
        assertThat(inFlight.hold(order, "10001", Optional.empty(), Map.of(code, 2), t0.plusSeconds(1)))
                .as("written again, and the hold of 0 released").containsExactlyInAnyOrder(code, zero);
        assertThat(holds.codesOf(order)).containsExactly(code);
    }

    @Test
    void theWebStockCache_readsMoreThanOneBatch_andKeepsAnEntryAddedFirst() {
        List<WebStock.Entry> entries = new ArrayList<>();
        String prefix = code() + "-";
        for (int i = 0; i < 130; i++) {
            entries.add(new WebStock.Entry(new ShopSku("shop", prefix + i), "id" + i, i % 2 == 0, i, t0));
        }
        entries.forEach(webStock::remember);
        webStock.remember(new WebStock.Entry(new ShopSku("shop", prefix + 7), "id7", false, 99, t0));
        Map<ShopSku, WebStock.Entry> found = webStock.find(entries.stream().map(WebStock.Entry::sku).toList());
        assertThat(found).hasSize(130);
        assertThat(found.get(new ShopSku("shop", prefix + 7))).isEqualTo(new WebStock.Entry(new ShopSku("shop", prefix + 7), "id7",
                false, 7, t0));
    }

    @Test
    void aShopSku_isStoredUnderShopHashSku_soRowsStoredBeforeStayReadable() {
        String sku = code() + "#BLUE";
        String table = env.get("WEB_STOCK_TABLE");
        cloud.dynamoDb().putItem(r -> r.tableName(table).item(Map.of("sku", AttributeValue.fromS("shopA#" + sku),
                "productId", AttributeValue.fromS("p9"), "closeout", AttributeValue.fromBool(true),
                "lastPushed", AttributeValue.fromN("6"), "pushedAt", AttributeValue.fromS("2026-11-27T12:00:00.000000000Z"))));

        assertThat(webStock.find(List.of(new ShopSku("shopA", sku), new ShopSku("shopB", sku))))
                .containsOnlyKeys(new ShopSku("shopA", sku))
                .containsEntry(new ShopSku("shopA", sku), new WebStock.Entry(new ShopSku("shopA", sku), "p9", true, 6, t0));
        webStock.remember(new WebStock.Entry(new ShopSku("shopB", sku), "p7", false, 1, t0));
        assertThat(cloud.dynamoDb().getItem(r -> r.tableName(table).key(Map.of("sku", AttributeValue.fromS("shopB#" + sku))))
                .item()).containsEntry("productId", AttributeValue.fromS("p7"));
    }

    @Test
    void aClaim_ofOlderInputsLoses_andAnEqualOneWinsAgain() {
        ShopSku sku = new ShopSku("shop", code());
        String code = code();
        assertThat(webStock.claim(sku, "p1", false, new WebStock.Figure(code, 5, 4), true).claim())
                .as("no entry yet: created, and nothing is known to be shown").isEqualTo(WebStock.Claim.WRITE);
        assertThat(webStock.claim(sku, "p1", false, new WebStock.Figure(code, 4, 9), false).claim()).isEqualTo(WebStock.Claim.LOST);
        assertThat(webStock.claim(sku, "p1", false, new WebStock.Figure(code, 5, 4), false).claim())
                .as("a retry of the same inputs").isEqualTo(WebStock.Claim.WRITE);
        assertThat(webStock.claim(sku, "p1", false, new WebStock.Figure(code(), 1, 3), false).claim())
                .as("the SKU now sells another code (remapped): sequences of different codes do not compare")
                .isEqualTo(WebStock.Claim.WRITE);
        assertThat(webStock.find(List.of(sku)).get(sku)).satisfies(e -> {
            assertThat(e.productId()).isEqualTo("p1");
            assertThat(e.writing()).isEqualTo(3);
            assertThat(e.claimed()).isEqualTo(3);
            assertThat(e.lastPushed()).isNull();
        });
    }

    @Test
    void aConfirm_recordsTheFigureShownOnlyWhenAlone_andAnswersANewerClaimsFigure() {
        ShopSku sku = new ShopSku("shop", code());
        String code = code();
        webStock.remember(new WebStock.Entry(sku, "p1", false, 9, t0));
        WebStock.Claimed a = webStock.claim(sku, "p1", false, new WebStock.Figure(code, 1, 14), true);
        WebStock.Claimed b = webStock.claim(sku, "p1", false, new WebStock.Figure(code, 2, 11), true);
        assertThat(List.of(a.claim(), b.claim())).containsOnly(WebStock.Claim.WRITE);

        assertThat(webStock.confirm(sku, 11, b.failures(), t0)).as("B is done, A still writing").isEmpty();
        assertThat(webStock.find(List.of(sku)).get(sku).lastPushed()).as("A's write may land after B's").isEqualTo(9);
        assertThat(webStock.confirm(sku, 14, a.failures(), t0)).as("A wrote 14 but 11 is claimed: write it again").hasValue(11);
        assertThat(webStock.confirm(sku, 11, a.failures(), t0.plusSeconds(1))).isEmpty();
        assertThat(webStock.find(List.of(sku)).get(sku)).satisfies(e -> {
            assertThat(e.lastPushed()).isEqualTo(11);
            assertThat(e.writing()).isZero();
            assertThat(e.shows(11)).isTrue();
        });
        assertThat(webStock.claim(sku, "p1", false, new WebStock.Figure(code, 2, 11), true).claim()).isEqualTo(WebStock.Claim.KEPT);
    }

    @Test
    void aFailedWrite_makesWhatTheShopShowsUnknown_evenForAWriterConfirmingAfterIt() {
        ShopSku sku = new ShopSku("shop", code());
        String code = code();
        webStock.remember(new WebStock.Entry(sku, "p1", false, 9, t0));
        WebStock.Claimed a = webStock.claim(sku, "p1", false, new WebStock.Figure(code, 1, 11), false);
        WebStock.Claimed b = webStock.claim(sku, "p1", false, new WebStock.Figure(code, 1, 11), false);
        webStock.failed(sku);

        assertThat(webStock.confirm(sku, 11, a.failures(), t0)).isEmpty();
        assertThat(webStock.find(List.of(sku)).get(sku)).satisfies(e -> {
            assertThat(e.lastPushed()).as("B's failed write may have landed after A's").isNull();
            assertThat(e.writing()).isZero();
            assertThat(e.failures()).isEqualTo(1);
        });
        assertThat(b.failures()).isZero();
        assertThat(webStock.claim(sku, "p1", false, new WebStock.Figure(code, 1, 11), true).claim()).isEqualTo(WebStock.Claim.WRITE);
    }
}
