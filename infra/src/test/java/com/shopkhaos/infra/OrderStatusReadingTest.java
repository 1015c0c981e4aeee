package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.infra.khaos.JacksonKhaosMessageCodec;
import com.shopkhaos.model.khaos.KhaosOrderStatus;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.OrderStatusUpload;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Khaos's OrderStatusUpload as the channel reads it: shipments with their items and packages, the spec's
 * {@code Status}/{@code OrderStatus} naming and single-object {@code Shipments}; an entry whose shipment cannot be
 * read is set aside whole (the others still apply).
 */
class OrderStatusReadingTest {
    private final JacksonKhaosMessageCodec codec = new JacksonKhaosMessageCodec();

    private OrderStatusUpload read(String json) throws Exception {
        return codec.readOrderStatuses(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shipments_areReadWithItemsAndParcels_inEitherShapeTheSpecShows() throws Exception {
        OrderStatusUpload upload = read("""
                {"Statuses":[
                 {"OrderCode":"SO30410","OrderID":"30410","Status":"PartialShip","AssociatedRef":"10042","ChannelID":"4",
                  "Shipments":[{"ID":"SHP-30410-A","Code":"INV7711","Status":"Archived",
                    "Items":[{"OrderItemID":"OI-30410-1","ShipmentItemID":"SI-30410-1","SKU":"MUG-STONE-BLU","Quantity":2.0,
                              "ImportRef":"line-1"}],
                    "Packages":[{"ConsignmentRef":"JD000000000001GB","Courier":{"Name":"Royal Mail Tracked 48","Code":"RM48","ID":"2"},
                                 "ShipmentDate":"2026-11-27T10:00:00"},{"Courier":{"ID":"2"}}]}]},
                 {"OrderCode":"SO30411","OrderID":"30411","OrderStatus":"Complete","AssociatedRef":"10043",
                  "Shipments":{"ID":"S9","Code":"INV9","Status":"Invoicing","Items":[],"Packages":[]}}]}""");

        assertThat(upload.unreadableEntries()).isEmpty();
        KhaosOrderStatus first = upload.statuses().get(0);
        assertThat(first.shipments()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("SHP-30410-A");
            assertThat(s.items()).singleElement().satisfies(i -> {
                assertThat(i.quantity()).isEqualByComparingTo(new BigDecimal("2"));
                assertThat(i.importRef()).isEqualTo("line-1");
            });
            assertThat(s.parcels()).extracting(KhaosShipment.Parcel::consignmentRef).containsExactly("JD000000000001GB", "");
            assertThat(s.parcels().get(0).courier().label()).isEqualTo("RM48");
        });
        assertThat(upload.statuses().get(1).status()).isEqualTo("Complete");
        assertThat(upload.statuses().get(1).shipments()).extracting(KhaosShipment::status).containsExactly("Invoicing");
    }

    @Test
    void anEntryWithAShipmentItemThatCannotBeRead_isSetAside_theOthersApply() throws Exception {
        OrderStatusUpload upload = read("""
                {"Statuses":[
                 {"OrderCode":"SO1","OrderID":"1","Status":"Complete","AssociatedRef":"10044",
                  "Shipments":[{"ID":"S1","Status":"Archived","Items":[{"SKU":"MUG-STONE-BLU","Quantity":"two"}],"Packages":[]}]},
                 {"OrderCode":"SO2","OrderID":"2","Status":"Received","AssociatedRef":"10045","Shipments":[]}]}""");
        assertThat(upload.statuses()).extracting(KhaosOrderStatus::associatedRef).containsExactly("10045");
        assertThat(upload.unreadableEntries()).singleElement().asString().contains("10044");
    }
}
