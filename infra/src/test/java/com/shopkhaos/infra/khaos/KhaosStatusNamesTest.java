package com.shopkhaos.infra.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.infra.sqs.SqsDespatchPublisher;
import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.ShipmentStage;
import com.shopkhaos.infra.json.InfraJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Khaos's OrderStatus and ShipmentStatus names (kcc-web-services, OrderStatusUpload), read into the core's words. */
class KhaosStatusNamesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"Staging, IN_WAREHOUSE", "Payment, IN_WAREHOUSE", "Picking, IN_WAREHOUSE", "Packing, IN_WAREHOUSE",
            "Released, IN_WAREHOUSE", "Processing, IN_WAREHOUSE", "ManualHold, IN_WAREHOUSE", "Issue, IN_WAREHOUSE",
            "AwaitingStock, IN_WAREHOUSE", "Shipping, SHIPPING", "Invoicing, INVOICING", "Archived, ARCHIVED",
            "archived, ARCHIVED", "SomethingNew, IN_WAREHOUSE"})
    void aShipmentHasLeftTheWarehouse_onlyPastKhaossShippingStage(String status, ShipmentStage stage) {
        assertThat(KhaosStatusNames.stage(status)).isEqualTo(stage);
        assertThat(KhaosStatusNames.stage(status).hasLeftWarehouse()).isEqualTo(status.equalsIgnoreCase("Invoicing")
                || status.equalsIgnoreCase("Archived"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"Received, RECEIVED", "Shipping, SHIPPING", "PartialShip, PART_SHIPPED", "Complete, COMPLETE",
            "Cancelled, CANCELLED", "cancelled, CANCELLED", "Imported, UNKNOWN", "'', UNKNOWN"})
    void anOrderIsCancelled_onlyWhenKhaosSaysCancelled(String status, KhaosOrderProgress progress) {
        assertThat(KhaosStatusNames.progress(status)).isEqualTo(progress);
    }

    @Test
    void aQueuedDespatchNotice_keepsKhaossWordsOnly_andItsMeaningIsReadAgainOnTheWayIn() {
        KhaosShipment shipment = new KhaosShipment("S1", "INV1", "Invoicing", ShipmentStage.INVOICING, List.of(), List.of());
        DespatchNotice notice = new DespatchNotice(DespatchNotice.VERSION, "shop", "order-1", "10001", "SO1", "Cancelled",
                KhaosOrderProgress.CANCELLED, List.of(shipment), "test", Instant.parse("2026-12-05T10:00:00Z"));
        String json = InfraJson.write(notice);
        assertThat(json).contains("\"Cancelled\"").contains("\"Invoicing\"").doesNotContain("CANCELLED").doesNotContain("INVOICING");
        DespatchNotice read = SqsDespatchPublisher.read(json);
        assertThat(read.khaosProgress()).isEqualTo(KhaosOrderProgress.CANCELLED);
        assertThat(read.isCancellation()).isTrue();
        assertThat(read.shipments().get(0).stage()).isEqualTo(ShipmentStage.INVOICING);
    }
}
