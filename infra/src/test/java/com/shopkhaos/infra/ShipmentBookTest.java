package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoShipmentBook;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.sqs.SqsDespatchPublisher;
import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.despatch.ShipmentBook;
import com.shopkhaos.infra.khaos.KhaosStatusNames;
import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.khaos.KhaosShipment;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The shipments table against the DynamoDB emulator, and the despatches message as it travels. */
class ShipmentBookTest {
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.allFunctionsEnvironment();
    private final DynamoShipmentBook book = new DynamoShipmentBook(cloud.dynamoDb(), env.get("SHIPMENTS_TABLE"), Clock.systemUTC());

    private static KhaosShipment shipment(String id, String status, String... consignments) {
        return new KhaosShipment(id, "INV" + id, status, KhaosStatusNames.stage(status), List.of(new KhaosShipment.Item("OI1", "SI1-" + id, "MUG-BLUE",
                new BigDecimal("2.0"), "line-1", "")), Arrays.stream(consignments)
                .map(c -> new KhaosShipment.Parcel(c, new KhaosShipment.Courier("14", "RM48", "Royal Mail 48"), "2026-11-27T10:00:00"))
                .toList());
    }

    @Test
    void put_isRefused_whenAnotherWriterCameFirst_andShipmentsComeBackAsKept() {
        String order = UUID.randomUUID().toString().replace("-", "");
        assertThat(book.put(order, shipment("S1", "Staging"), 0)).isTrue();
        assertThat(book.put(order, shipment("S1", "Picking"), 0)).as("a second first write").isFalse();
        ShipmentBook.Kept kept = book.forOrder(order).get("S1");
        assertThat(kept.version()).isEqualTo(1);
        assertThat(book.put(order, shipment("S1", "Archived", "JD1"), kept.version())).isTrue();
        assertThat(book.put(order, shipment("S1", "Invoicing"), kept.version())).as("stale version").isFalse();
        assertThat(book.put(order, shipment("S2", "Archived", "JD2"), 0)).isTrue();

        Map<String, ShipmentBook.Kept> all = book.forOrder(order);
        assertThat(all).containsOnlyKeys("S1", "S2");
        assertThat(all.get("S1").shipment()).isEqualTo(shipment("S1", "Archived", "JD1"));
        assertThat(all.get("S1").version()).isEqualTo(2);
    }

    @Test
    void aRowWrittenBeforeTheEnhancedClient_readsBackAtItsVersion_andItsNextWriteStoresTheNextNumber() {
        String order = UUID.randomUUID().toString().replace("-", "");
        String table = env.get("SHIPMENTS_TABLE");
        cloud.dynamoDb().putItem(b -> b.tableName(table).item(Map.of("orderId", AttributeValue.fromS(order),
                "shipmentId", AttributeValue.fromS("S9"), "shipment", AttributeValue.fromS(InfraJson.write(shipment("S9", "Packing"))),
                "status", AttributeValue.fromS("Packing"), "version", AttributeValue.fromN("3"),
                "updatedAt", AttributeValue.fromS("2026-11-27T10:00:00.000000000Z"))));

        assertThat(book.forOrder(order).get("S9").version()).isEqualTo(3);
        assertThat(book.put(order, shipment("S9", "Archived", "JD9"), 2)).as("an older version").isFalse();
        assertThat(book.put(order, shipment("S9", "Archived", "JD9"), 3)).isTrue();

        Map<String, AttributeValue> stored = cloud.dynamoDb().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(order), "shipmentId", AttributeValue.fromS("S9")))).item();
        assertThat(stored.get("version").n()).isEqualTo("4");
        assertThat(stored.get("status").s()).isEqualTo("Archived");
        assertThat(book.forOrder(order).get("S9").shipment()).isEqualTo(shipment("S9", "Archived", "JD9"));
    }

    @Test
    void oneWritebackPerOrder_untilItGivesTheOrderBack_orItsTimeRunsOut() {
        String order = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        assertThat(book.lockWriteback(order, "a", now.plusSeconds(90), now)).isTrue();
        assertThat(book.lockWriteback(order, "b", now.plusSeconds(90), now.plusSeconds(5))).as("a holds it").isFalse();
        assertThat(book.forOrder(order)).as("the lock is not a shipment").isEmpty();
        book.unlockWriteback(order, "b");
        assertThat(book.lockWriteback(order, "b", now.plusSeconds(90), now.plusSeconds(6))).as("b cannot give back a's").isFalse();
        book.unlockWriteback(order, "a");
        assertThat(book.lockWriteback(order, "b", now.plusSeconds(100), now.plusSeconds(7))).isTrue();
        assertThat(book.lockWriteback(order, "c", now.plusSeconds(300), now.plusSeconds(101))).as("b's time ran out").isTrue();
    }

    @Test
    void aDespatchNotice_readsBackAsSent_andAnotherVersionIsRefused() {
        DespatchNotice notice = new DespatchNotice(1, "shop1", "0123456789abcdef0123456789abcdef", "10042", "SO05001", "PartialShip",
                KhaosOrderProgress.PART_SHIPPED,
                List.of(shipment("S3", "Archived", "JD3")), "despatched INV3", Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(SqsDespatchPublisher.read(InfraJson.write(notice))).isEqualTo(notice);
        Assertions.assertThatThrownBy(() -> SqsDespatchPublisher.read("{\"v\":2,\"orderId\":\"x\",\"at\":\"2026-11-27T10:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
        Assertions.assertThatThrownBy(() -> SqsDespatchPublisher.read("{\"v\":1}")).isInstanceOf(IllegalArgumentException.class);
    }
}
