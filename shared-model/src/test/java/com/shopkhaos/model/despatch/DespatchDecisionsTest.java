package com.shopkhaos.model.despatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.order.ShopStates.DeliveryChange;
import com.shopkhaos.model.order.ShopStates.OrderChange;
import com.shopkhaos.model.order.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.order.ShopStates.ShopOrderState;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.ShipmentStage;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shipped quantities and the write-back's decisions: what reaches the shop, in which order, and what a person sees. */
class DespatchDecisionsTest {
    private static final UnaryOperator<String> SAME = sku -> sku;
    private static final KhaosShipment.Courier ROYAL_MAIL = new KhaosShipment.Courier("14", "RM48", "Royal Mail 48");
    private static final List<ShopDeliveries.OrderedLine> LINES = List.of(
            new ShopDeliveries.OrderedLine("line-mug", "MUG-BLUE", 2), new ShopDeliveries.OrderedLine("line-hat", "HAT-RED", 1));

    private static KhaosShipment.Item item(String shipmentItemId, String sku, String quantity, String importRef) {
        return new KhaosShipment.Item("oi-" + sku, shipmentItemId, sku, new BigDecimal(quantity), importRef, "");
    }

    private static KhaosShipment shipment(String id, ShipmentStage stage, List<KhaosShipment.Item> items, String... consignments) {
        List<KhaosShipment.Parcel> parcels = Arrays.stream(consignments)
                .map(c -> new KhaosShipment.Parcel(c, ROYAL_MAIL, "2026-11-27T10:00:00")).toList();
        return new KhaosShipment(id, "INV" + id, stage.name(), stage, items, parcels);
    }

    private static ShopDeliveries.ShopOrderView order(ShopOrderState orderState, ShopDeliveryState deliveryState, String... codes) {
        return new ShopDeliveries.ShopOrderView("o1", "10042", orderState, LINES, List.of(
                new ShopDeliveries.DeliveryView("d1", deliveryState, List.of(codes), "sm-48", "royal_mail_tracked_48")));
    }

    private static DespatchPlan decide(ShopDeliveries.ShopOrderView order, List<KhaosShipment> shipments) {
        return DespatchPlan.decide(order, shipments, false, DespatchSettings.DEFAULTS, SAME, Map.of());
    }

    @ParameterizedTest(name = "{0} left the warehouse: {1}")
    @CsvSource({"IN_WAREHOUSE, false", "SHIPPING, false", "INVOICING, true", "ARCHIVED, true"})
    void aShipmentHasLeft_onlyPastTheShippingStage(ShipmentStage stage, boolean left) {
        assertThat(DespatchRules.hasLeft(shipment("S1", stage, List.of()))).isEqualTo(left);
    }

    @Test
    void shippedUnits_countEachShipmentItemOnce_whateverHowOftenItWasReported() {
        KhaosShipment s1 = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "1", "line-mug"),
                item("SI1", "MUG-BLUE", "1", "line-mug")), "JD1");
        ShippedUnits units = ShippedUnits.count(LINES, List.of(s1, s1), SAME);
        assertThat(units.shipped()).containsEntry("line-mug", new BigDecimal("1")).containsEntry("line-hat", BigDecimal.ZERO);
        assertThat(units.progress(LINES)).isEqualTo(ShippedUnits.Progress.PARTIAL);
    }

    @Test
    void shippedUnits_ignoreShipmentsStillInTheWarehouse_andMatchLinesBySkuOrStockCodeWithoutImportRef() {
        KhaosShipment packed = shipment("S1", ShipmentStage.IN_WAREHOUSE, List.of(item("SI1", "MUG-BLUE", "2", "line-mug")));
        KhaosShipment gone = shipment("S2", ShipmentStage.ARCHIVED, List.of(item("SI2", "KH-MUG", "2", ""), item("SI3", "hat-red", "1", "")), "JD2");
        UnaryOperator<String> mapped = sku -> sku.equals("MUG-BLUE") ? "KH-MUG" : sku;

        assertThat(ShippedUnits.count(LINES, List.of(packed), mapped).progress(LINES)).isEqualTo(ShippedUnits.Progress.NONE);
        ShippedUnits units = ShippedUnits.count(LINES, List.of(packed, gone), mapped);
        assertThat(units.progress(LINES)).isEqualTo(ShippedUnits.Progress.FULL);
        assertThat(units.notOnOrder()).isEmpty();
    }

    @Test
    void anOlderReport_neverTakesBackADespatch_norATrackingCode() {
        KhaosShipment archived = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug")), "JD1");
        KhaosShipment older = shipment("S1", ShipmentStage.IN_WAREHOUSE, List.of(item("SI1", "MUG-BLUE", "2", "line-mug")));
        assertThat(DespatchRules.merge(archived, older)).isEqualTo(archived);

        KhaosShipment renamed = new KhaosShipment("S1", "INV-RENAMED", "ARCHIVED", ShipmentStage.ARCHIVED, archived.items(), List.of(
                new KhaosShipment.Parcel("JD9", ROYAL_MAIL, "")));
        KhaosShipment kept = DespatchRules.merge(archived, renamed);
        assertThat(kept.code()).isEqualTo("INV-RENAMED");
        assertThat(kept.parcels()).extracting(KhaosShipment.Parcel::consignmentRef).containsExactly("JD9", "JD1");
    }

    @Test
    void aFirstParcelOfTwo_addsItsCode_thenShipsPartially_andTheOrderGoesInProgress() {
        KhaosShipment first = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug")), "JD1");
        DespatchPlan plan = decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(first));

        assertThat(plan.trackingCodes()).containsExactly("JD1");
        assertThat(plan.deliveryAction()).contains(DeliveryChange.SHIP_PARTIALLY);
        assertThat(plan.orderActions()).containsExactly(OrderChange.PROCESS);
        assertThat(plan.holds()).isEmpty();
    }

    @Test
    void theLastParcel_mergesCodesWithThoseThere_andShipsFromPartial_andCompletesTheOrder() {
        KhaosShipment first = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug")), "JD1");
        KhaosShipment second = shipment("S2", ShipmentStage.ARCHIVED, List.of(item("SI2", "HAT-RED", "1", "line-hat")), "JD2", "JD3");
        DespatchPlan plan = decide(order(ShopOrderState.IN_PROGRESS, ShopDeliveryState.SHIPPED_PARTIALLY, "JD1", "CX-OWN"), List.of(second, first));

        assertThat(plan.trackingCodes()).containsExactly("JD1", "CX-OWN", "JD2", "JD3");
        assertThat(plan.newTrackingCodes()).containsExactly("JD2", "JD3");
        assertThat(plan.deliveryAction()).contains(DeliveryChange.SHIP);
        assertThat(plan.orderActions()).containsExactly(OrderChange.COMPLETE);
    }

    @Test
    void aFurtherPartialShipment_needsNoTransition_andTheSameReportAgainWritesNothing() {
        List<ShopDeliveries.OrderedLine> three = List.of(new ShopDeliveries.OrderedLine("line-mug", "MUG-BLUE", 3));
        KhaosShipment s1 = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "1", "line-mug")), "JD1");
        KhaosShipment s2 = shipment("S2", ShipmentStage.ARCHIVED, List.of(item("SI2", "MUG-BLUE", "1", "line-mug")), "JD2");
        ShopDeliveries.ShopOrderView partial = new ShopDeliveries.ShopOrderView("o1", "10042", ShopOrderState.IN_PROGRESS, three, List.of(
                new ShopDeliveries.DeliveryView("d1", ShopDeliveryState.SHIPPED_PARTIALLY, List.of("JD1"), "sm", "")));

        DespatchPlan second = decide(partial, List.of(s1, s2));
        assertThat(second.trackingCodes()).containsExactly("JD1", "JD2");
        assertThat(second.deliveryAction()).isEmpty();
        assertThat(second.orderActions()).isEmpty();

        ShopDeliveries.ShopOrderView after = new ShopDeliveries.ShopOrderView("o1", "10042", ShopOrderState.IN_PROGRESS, three, List.of(
                new ShopDeliveries.DeliveryView("d1", ShopDeliveryState.SHIPPED_PARTIALLY, List.of("JD1", "JD2"), "sm", "")));
        assertThat(decide(after, List.of(s1, s2, s2)).writesAnything()).isFalse();
    }

    @Test
    void aWholeOrderShippedAlready_writesNothing_soNoSecondMail() {
        KhaosShipment all = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug"),
                item("SI2", "HAT-RED", "1", "line-hat")), "JD1");
        assertThat(decide(order(ShopOrderState.COMPLETED, ShopDeliveryState.SHIPPED, "JD1"), List.of(all)).writesAnything()).isFalse();
    }

    @Test
    void aLineNotOnTheOrder_orMoreThanOrdered_holdsEverything() {
        KhaosShipment stranger = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug"),
                item("SI9", "SCARF", "1", "")), "JD1");
        DespatchPlan unknown = decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(stranger));
        assertThat(unknown.holds()).extracting(DespatchPlan.Problem::type).containsExactly(ExceptionType.DESPATCH_LINE_NOT_ON_ORDER);
        assertThat(unknown.holds().get(0).reason()).contains("SCARF").contains("10042");
        assertThat(unknown.writesAnything()).isFalse();

        KhaosShipment tooMany = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "3", "line-mug")), "JD1");
        DespatchPlan over = decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(tooMany));
        assertThat(over.holds()).extracting(DespatchPlan.Problem::type).containsExactly(ExceptionType.DESPATCH_MORE_THAN_ORDERED);
        assertThat(over.holds().get(0).reason()).contains("3 of MUG-BLUE shipped, 2 ordered");
        assertThat(over.writesAnything()).isFalse();
    }

    @Test
    void aParcelWithoutConsignmentRef_stillShips_andTellsAPerson() {
        KhaosShipment untracked = new KhaosShipment("S1", "INV1", "ARCHIVED", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug"),
                item("SI2", "HAT-RED", "1", "line-hat")), List.of(new KhaosShipment.Parcel("", ROYAL_MAIL, "")));
        DespatchPlan plan = decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(untracked));
        assertThat(plan.trackingCodes()).isEmpty();
        assertThat(plan.deliveryAction()).contains(DeliveryChange.SHIP);
        assertThat(plan.notices()).extracting(DespatchPlan.Problem::type).containsExactly(ExceptionType.DESPATCH_WITHOUT_TRACKING);
    }

    @Test
    void aDeliveryCancelledInTheShop_holdsTheDespatch() {
        KhaosShipment s1 = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug")), "JD1");
        DespatchPlan plan = decide(order(ShopOrderState.OPEN, ShopDeliveryState.CANCELLED), List.of(s1));
        assertThat(plan.holds()).extracting(DespatchPlan.Problem::type).containsExactly(ExceptionType.DELIVERY_NOT_WRITABLE);
        assertThat(plan.writesAnything()).isFalse();
        assertThat(decide(order(ShopOrderState.CANCELLED, ShopDeliveryState.OPEN), List.of(s1)).holds()).hasSize(1);
    }

    @Test
    void aKhaosCancellation_isAPersonsCall_orCancelsTheShopOrder_byConfiguration() {
        DespatchPlan told = DespatchPlan.decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(), true, DespatchSettings.DEFAULTS, SAME, Map.of());
        assertThat(told.writesAnything()).isFalse();
        assertThat(told.notices()).extracting(DespatchPlan.Problem::type).containsExactly(ExceptionType.CANCELLED_IN_KHAOS);

        DespatchSettings cancel = new DespatchSettings(true, DespatchSettings.KhaosCancellation.CANCEL_ORDER, 5);
        DespatchPlan cancelled = DespatchPlan.decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(), true, cancel, SAME, Map.of());
        assertThat(cancelled.deliveryAction()).contains(DeliveryChange.CANCEL);
        assertThat(cancelled.orderActions()).containsExactly(OrderChange.CANCEL);

        KhaosShipment part = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug")), "JD1");
        DespatchPlan partly = DespatchPlan.decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(part), true, cancel, SAME, Map.of());
        assertThat(partly.deliveryAction()).contains(DeliveryChange.SHIP_PARTIALLY);
        assertThat(partly.notices()).extracting(DespatchPlan.Problem::type).containsExactly(ExceptionType.CANCELLED_IN_KHAOS);
    }

    @Test
    void aCourierMappedToAnotherShippingMethod_changesTheDeliverysMethod_withTheCodes() {
        KhaosShipment s1 = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug"),
                item("SI2", "HAT-RED", "1", "line-hat")), "JD1");
        DespatchPlan plan = DespatchPlan.decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(s1), false, DespatchSettings.DEFAULTS, SAME,
                Map.of("rm48", "dpd_next_day"));
        assertThat(plan.shippingMethod()).isEqualTo("dpd_next_day");
        assertThat(plan.trackingCodes()).containsExactly("JD1");

        DespatchPlan same = DespatchPlan.decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(s1), false, DespatchSettings.DEFAULTS, SAME,
                Map.of("Royal Mail 48", "royal_mail_tracked_48"));
        assertThat(same.shippingMethod()).isEmpty();
    }

    @Test
    void orderStateFollowing_canBeSwitchedOff() {
        KhaosShipment s1 = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug"),
                item("SI2", "HAT-RED", "1", "line-hat")), "JD1");
        DespatchSettings off = new DespatchSettings(false, DespatchSettings.KhaosCancellation.EXCEPTION, 5);
        DespatchPlan plan = DespatchPlan.decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(s1), false, off, SAME, Map.of());
        assertThat(plan.deliveryAction()).contains(DeliveryChange.SHIP);
        assertThat(plan.orderActions()).isEmpty();
        assertThat(decide(order(ShopOrderState.OPEN, ShopDeliveryState.OPEN), List.of(s1)).orderActions()).containsExactly(OrderChange.PROCESS, OrderChange.COMPLETE);
    }

    @Test
    void aPromotionSentAsAKhaosItem_comesBackInTheShipment_andIsNotAUnitToShip() {
        KhaosShipment all = shipment("S1", ShipmentStage.ARCHIVED, List.of(item("SI1", "MUG-BLUE", "2", "line-mug"),
                item("SI2", "HAT-RED", "1", "line-hat"), item("SI3", "WEB-DISCOUNT", "1", "line-promo")), "JD1");
        ShopDeliveries.ShopOrderView order = new ShopDeliveries.ShopOrderView("o1", "10042", ShopOrderState.OPEN, LINES, List.of(
                new ShopDeliveries.DeliveryView("d1", ShopDeliveryState.OPEN, List.of(), "sm", "")), Set.of("line-promo"));
        DespatchPlan plan = decide(order, List.of(all));
        assertThat(plan.holds()).isEmpty();
        assertThat(plan.deliveryAction()).contains(DeliveryChange.SHIP);
    }
}
