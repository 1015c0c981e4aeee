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
                 {"OrderCode":"SO02075","OrderID":"2075","Status":"PartialShip","AssociatedRef":"10042","ChannelID":"21",
                  "Shipments":[{"ID":"BFDPDD09FZZW7ZZ","Code":"INV106","Status":"Archived",
                    "Items":[{"OrderItemID":"BFDPDC00ZZZW7ZZ","ShipmentItemID":"BFDPDD09ZZZW7ZZ","SKU":"MUG1","Quantity":2.0,
                              "ImportRef":"line-1"}],
                    "Packages":[{"ConsignmentRef":"JD000000000001GB","Courier":{"Name":"Metapack 24Hr","Code":"24HR","ID":"76"},
                                 "ShipmentDate":"2026-11-27T10:00:00"},{"Courier":{"ID":"76"}}]}]},
                 {"OrderCode":"SO02076","OrderID":"2076","OrderStatus":"Complete","AssociatedRef":"10043",
                  "Shipments":{"ID":"S9","Code":"INV9","Status":"Invoicing","Items":[],"Packages":[]}}]}""");

        assertThat(upload.unreadableEntries()).isEmpty();
        KhaosOrderStatus first = upload.statuses().get(0);
        assertThat(first.shipments()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("BFDPDD09FZZW7ZZ");
            assertThat(s.items()).singleElement().satisfies(i -> {
                assertThat(i.quantity()).isEqualByComparingTo(new BigDecimal("2"));
                assertThat(i.importRef()).isEqualTo("line-1");
            });
            assertThat(s.parcels()).extracting(KhaosShipment.Parcel::consignmentRef).containsExactly("JD000000000001GB", "");
            assertThat(s.parcels().get(0).courier().label()).isEqualTo("24HR");
        });
        assertThat(upload.statuses().get(1).status()).isEqualTo("Complete");
        assertThat(upload.statuses().get(1).shipments()).extracting(KhaosShipment::status).containsExactly("Invoicing");
    }

    @Test
    void anEntryWithAShipmentItemThatCannotBeRead_isSetAside_theOthersApply() throws Exception {
        OrderStatusUpload upload = read("""
                {"Statuses":[
                 {"OrderCode":"SO1","OrderID":"1","Status":"Complete","AssociatedRef":"10044",
                  "Shipments":[{"ID":"S1","Status":"Archived","Items":[{"SKU":"MUG1","Quantity":"two"}],"Packages":[]}]},
                 {"OrderCode":"SO2","OrderID":"2","Status":"Received","AssociatedRef":"10045","Shipments":[]}]}""");
        assertThat(upload.statuses()).extracting(KhaosOrderStatus::associatedRef).containsExactly("10045");
        assertThat(upload.unreadableEntries()).singleElement().asString().contains("10044");
    }
}
