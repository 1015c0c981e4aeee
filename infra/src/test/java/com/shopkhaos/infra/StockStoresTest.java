package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoInFlightOrders;
import com.shopkhaos.infra.dynamodb.DynamoKhaosStockLevels;
import com.shopkhaos.infra.dynamodb.DynamoWebStock;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.stock.InFlightHold;
import com.shopkhaos.model.stock.WebStock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stock tables against the DynamoDB emulator: figures in order of receipt, in-flight holds, the web stock cache. */
class StockStoresTest {
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.allFunctionsEnvironment();
    private final DynamoKhaosStockLevels levels = new DynamoKhaosStockLevels(cloud.dynamoDb(), env.get("STOCK_TABLE"));
    private final DynamoInFlightOrders inFlight = new DynamoInFlightOrders(cloud.dynamoDb(), env.get("IN_FLIGHT_TABLE"));
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
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, "3"), org.assertj.core.groups.Tuple.tuple(2, "2.5"));
        assertThat(levels.all()).anyMatch(l -> l.stockCode().equals(code));
    }

    @Test
    void anOrdersHolds_changeOnlyWhenTheirQuantitiesDo_andAreSettledThenReleased() {
        String a = code();
        String b = code();
        String order = UUID.randomUUID().toString().replace("-", "");
        assertThat(inFlight.hold(order, "10001", Map.of(a, 2, b, 1), t0)).containsExactlyInAnyOrder(a, b);
        assertThat(inFlight.hold(order, "10001", Map.of(a, 2, b, 1), t0.plusSeconds(1))).as("a redelivery").isEmpty();
        assertThat(inFlight.hold(order, "10001", Map.of(a, 3), t0.plusSeconds(2))).as("edited order").containsExactlyInAnyOrder(a, b);
        assertThat(inFlight.holds(a)).extracting(InFlightHold::quantity).containsExactly(3);
        assertThat(inFlight.holds(b)).isEmpty();

        assertThat(inFlight.imported(order, t0.plusSeconds(5))).containsExactly(a);
        assertThat(inFlight.holds(a)).singleElement().satisfies(h -> assertThat(h.importedAt()).isEqualTo(t0.plusSeconds(5)));
        inFlight.imported(order, t0.plusSeconds(9));
        assertThat(inFlight.holds(a).get(0).importedAt()).as("the first report stands").isEqualTo(t0.plusSeconds(5));

        assertThat(inFlight.release(order)).containsExactly(a);
        assertThat(inFlight.holds(a)).isEmpty();
    }

    @Test
    void theWebStockCache_readsAndWritesMoreThanOneBatch() {
        List<WebStock.Entry> entries = new ArrayList<>();
        String prefix = "shop#" + code() + "-";
        for (int i = 0; i < 130; i++) {
            entries.add(new WebStock.Entry(prefix + i, "id" + i, i % 2 == 0, i, t0));
        }
        webStock.rememberAll(entries);
        Map<String, WebStock.Entry> found = webStock.find(entries.stream().map(WebStock.Entry::sku).toList());
        assertThat(found).hasSize(130);
        assertThat(found.get(prefix + 7)).isEqualTo(new WebStock.Entry(prefix + 7, "id7", false, 7, t0));
    }
}
