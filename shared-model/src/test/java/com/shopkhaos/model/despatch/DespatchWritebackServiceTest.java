package com.shopkhaos.model.despatch;

import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.khaos.ShipmentStage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.despatch.DespatchWritebackService.Outcome;
import com.shopkhaos.model.order.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.order.ShopStates.ShopOrderState;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ledger.TimelineEntry;
import com.shopkhaos.model.ordersync.InMemoryOrderMappings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * despatch-writeback against a shop with Shopware's state machines: what the customer's shipping mail carries, which
 * writes reach the shop and how often, what the ledger and the exception ledger show, and that a failed step is left
 * to the queue (and put in front of a person on its last try) without anything written twice.
 */
class DespatchWritebackServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
    private static final String SHOP = "shop1";
    private static final String ORDER = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final KhaosShipment.Courier ROYAL_MAIL = new KhaosShipment.Courier("14", "RM48", "Royal Mail 48");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryShipmentBook book = new InMemoryShipmentBook();
    private final InMemoryShopDeliveries shop = new InMemoryShopDeliveries();
    private final InMemoryOrderMappings mappings = new InMemoryOrderMappings();
    private final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    private final DespatchWritebackService service = service(DespatchSettings.DEFAULTS);

    private DespatchWritebackService service(DespatchSettings settings) {
        return new DespatchWritebackService(ledger, book, shop, mappings, exceptions, settings, clock);
    }

    /** The shop's order 10042: two mugs and a hat, one open delivery by Royal Mail 48. */
    private void inShop() {
        shop.put(SHOP, new ShopDeliveries.ShopOrderView(ORDER, "10042", ShopOrderState.OPEN, List.of(
                new ShopDeliveries.OrderedLine("line-mug", "MUG-BLUE", 2), new ShopDeliveries.OrderedLine("line-hat", "HAT-RED", 1)),
                List.of(new ShopDeliveries.DeliveryView("d1", ShopDeliveryState.OPEN, List.of(), "sm-48", "royal_mail_tracked_48"))));
    }

    /** The ledger's entry, as far as the channel has taken it. */
    private OrderLedgerEntry inLedger(OrderState state) {
        Instant at = NOW.minus(Duration.ofDays(1));
        KhaosHandover handover = KhaosHandover.NONE.withSalesOrder("AssociatedRef=10042").servedIn("p1").downloaded(at);
        OrderLedgerEntry entry = OrderLedgerEntry.received(SHOP, ORDER, "10042", "evt-1", "checkout.order.placed", at)
                .ready("AssociatedRef=10042", at, "checked")
                .moveTo(OrderState.DOWNLOADED, handover, at, "served")
                .moveTo(OrderState.IMPORTED, handover.reported("SO10042", "4711", "Received", KhaosOrderProgress.RECEIVED), at, "Khaos imported it");
        if (state == OrderState.DESPATCHED) {
            entry = entry.moveTo(OrderState.DESPATCHED, at, "Khaos despatched");
        } else if (state == OrderState.CANCELLED) {
            entry = entry.moveTo(OrderState.CANCELLED, handover.reported("SO10042", "4711", "Cancelled", KhaosOrderProgress.CANCELLED), at, "Khaos cancelled it");
        }
        ledger.entries.put(ORDER, entry);
        return entry;
    }

    private OrderLedgerEntry entry() {
        return ledger.find(ORDER).orElseThrow();
    }

    private static KhaosShipment.Item item(String shipmentItemId, String sku, int quantity, String importRef) {
        return new KhaosShipment.Item("oi-" + sku, shipmentItemId, sku, BigDecimal.valueOf(quantity), importRef, "");
    }

    private static KhaosShipment shipment(String id, List<KhaosShipment.Item> items, String... consignments) {
        return new KhaosShipment(id, "INV" + id, "Archived", ShipmentStage.ARCHIVED, items, Arrays.stream(consignments)
                .map(c -> new KhaosShipment.Parcel(c, ROYAL_MAIL, "2026-12-05T08:00:00")).toList());
    }

    private static KhaosShipment everything(String consignment) {
        return shipment("S1", List.of(item("SI1", "MUG-BLUE", 2, "line-mug"), item("SI2", "HAT-RED", 1, "line-hat")), consignment);
    }

    private static DespatchNotice notice(String khaosStatus, KhaosShipment... shipments) {
        // what the channel adapter reads each of Khaos's words as (KhaosStatusNames)
        KhaosOrderProgress progress = switch (khaosStatus) {
            case "Cancelled" -> KhaosOrderProgress.CANCELLED;
            case "Complete" -> KhaosOrderProgress.COMPLETE;
            case "PartialShip" -> KhaosOrderProgress.PART_SHIPPED;
            default -> KhaosOrderProgress.UNKNOWN;
        };
        return new DespatchNotice(DespatchNotice.VERSION, SHOP, ORDER, "10042", "SO10042", khaosStatus, progress, List.of(shipments),
                "Khaos reported order SO10042 " + khaosStatus, NOW);
    }

    private static long timelineEvents(OrderLedgerEntry entry, String event) {
        return entry.timeline().stream().filter(t -> t.event().equals(event)).count();
    }

    // ---- writing it ---------------------------------------------------------------------------------------------------

    @Test
    void aWholeShipment_addsTheTrackingCode_thenShipsTheDelivery_thenCompletesTheOrder() {
        inShop();
        inLedger(OrderState.DESPATCHED);

        DespatchWritebackService.Result result = service.writeBack(notice("Complete", everything("JD0001")), 1);

        assertThat(result.outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(shop.mails).as("the shipping mail carries the tracking code").containsExactly("d1 shipped [JD0001]");
        assertThat(shop.calls).containsExactly("tracking d1 [JD0001]", "delivery d1 ship", "order " + ORDER + " process",
                "order " + ORDER + " complete");
        assertThat(shop.view(ORDER).state()).isEqualTo(ShopOrderState.COMPLETED);
        OrderLedgerEntry entry = entry();
        assertThat(entry.state()).isEqualTo(OrderState.WRITTEN_BACK);
        assertThat(entry.timeline()).last().satisfies(t -> assertThat(t.detail()).isEqualTo(
                "written to the shop: tracking JD0001; delivery open → ship; order process; order complete"));
        assertThat(exceptions.records).isEmpty();
        assertThat(book.lockHolder(ORDER)).as("the write-back lock is given back").isEmpty();
    }

    @Test
    void theWritebackSendsEachTrackingCodeOnce() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        DespatchNotice notice = notice("Complete", everything("JD0001"));
        service.writeBack(notice, 1);
        OrderLedgerEntry afterFirst = entry();

        DespatchWritebackService.Result again = service.writeBack(notice, 1);

        assertThat(again.outcome()).isEqualTo(Outcome.NOTHING_TO_WRITE);
        assertThat(shop.calls).as("nothing written twice").hasSize(4);
        assertThat(shop.mails).as("no second shipping mail").hasSize(1);
        assertThat(entry()).isEqualTo(afterFirst);
    }

    @Test
    void aPartialShipmentMovesTheDeliveryToShippedPartially_andTheLastParcelShipsIt() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        KhaosShipment mugs = shipment("S1", List.of(item("SI1", "MUG-BLUE", 2, "line-mug")), "JD0001");

        assertThat(service.writeBack(notice("PartialShip", mugs), 1).outcome()).isEqualTo(Outcome.WRITTEN);

        assertThat(shop.calls).containsExactly("tracking d1 [JD0001]", "delivery d1 ship partially", "order " + ORDER + " process");
        assertThat(shop.view(ORDER).deliveries().get(0).state()).isEqualTo(ShopDeliveryState.SHIPPED_PARTIALLY);
        assertThat(shop.view(ORDER).state()).isEqualTo(ShopOrderState.IN_PROGRESS);
        assertThat(shop.mails).containsExactly("d1 shipped partially [JD0001]");
        assertThat(entry().state()).isEqualTo(OrderState.WRITTEN_BACK);

        // the channel keeps the first shipment and notes the next despatch; the message carries only the new one
        book.keep(ORDER, mugs);
        ledger.entries.put(ORDER, entry().moveTo(OrderState.DESPATCHED, NOW, "Khaos despatched"));
        KhaosShipment hat = shipment("S2", List.of(item("SI2", "HAT-RED", 1, "line-hat")), "JD0002");

        assertThat(service.writeBack(notice("Complete", hat), 1).outcome()).isEqualTo(Outcome.WRITTEN);

        assertThat(shop.calls.subList(3, shop.calls.size())).containsExactly("tracking d1 [JD0001, JD0002]", "delivery d1 ship",
                "order " + ORDER + " complete");
        assertThat(shop.mails).containsExactly("d1 shipped partially [JD0001]", "d1 shipped [JD0001, JD0002]");
        assertThat(entry().state()).isEqualTo(OrderState.WRITTEN_BACK);
    }

    @Test
    void anOrderTheChannelHasNotMarkedDespatchedYet_isTakenToWrittenBack_inOneWrite() {
        inShop();
        OrderLedgerEntry imported = inLedger(OrderState.IMPORTED);

        service.writeBack(notice("Complete", everything("JD0001")), 1);

        OrderLedgerEntry entry = entry();
        assertThat(entry.state()).isEqualTo(OrderState.WRITTEN_BACK);
        assertThat(entry.version()).isEqualTo(imported.version() + 1);
        assertThat(entry.timeline()).extracting(TimelineEntry::event).containsSubsequence("IMPORTED → DESPATCHED",
                "DESPATCHED → WRITTEN_BACK");
    }

    @Test
    void shipmentsKeptByTheChannel_andThoseInTheMessage_areWrittenTogether() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        book.keep(ORDER, shipment("S1", List.of(item("SI1", "MUG-BLUE", 2, "line-mug")), "JD0001"));

        service.writeBack(notice("Complete", shipment("S2", List.of(item("SI2", "HAT-RED", 1, "line-hat")), "JD0002")), 1);

        assertThat(shop.calls).startsWith("tracking d1 [JD0001, JD0002]", "delivery d1 ship");
        assertThat(shop.mails).containsExactly("d1 shipped [JD0001, JD0002]");
    }

    @Test
    void aParcelWithoutTracking_stillShips_andTellsAPersonOnce() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        DespatchNotice untracked = notice("Complete", everything(""));

        service.writeBack(untracked, 1);
        service.writeBack(untracked, 1);

        assertThat(shop.calls).containsExactly("delivery d1 ship", "order " + ORDER + " process", "order " + ORDER + " complete");
        ExceptionRecord record = exceptions.of(ExceptionType.DESPATCH_WITHOUT_TRACKING, "10042").orElseThrow();
        assertThat(record.occurrences()).isEqualTo(1);
    }

    @Test
    void aCourierMappedToAnotherShippingMethod_changesTheDeliverysMethodWithTheCodes() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        mappings.put(InMemoryOrderMappings.SHIPPING_METHOD, "RM48", "royal_mail_signed_for");

        service.writeBack(notice("Complete", everything("JD0001")), 1);

        assertThat(shop.calls).first().isEqualTo("tracking d1 [JD0001] via royal_mail_signed_for");
        assertThat(shop.view(ORDER).deliveries().get(0).shippingMethodTechnicalName()).isEqualTo("royal_mail_signed_for");
    }

    // ---- holding it ---------------------------------------------------------------------------------------------------

    @Test
    void aLineNotOnTheOrder_holdsTheWholeWriteback_withOneExceptionNotOnePerRetry() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        DespatchNotice stranger = notice("Complete", shipment("S1", List.of(item("SI1", "MUG-BLUE", 2, "line-mug"),
                item("SI9", "SCARF-MER-GRY", 1, "")), "JD0001"));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(service.writeBack(stranger, attempt).outcome()).isEqualTo(Outcome.HELD);
        }

        assertThat(shop.calls).as("no tracking code, no shipping mail").isEmpty();
        ExceptionRecord record = exceptions.of(ExceptionType.DESPATCH_LINE_NOT_ON_ORDER, "10042").orElseThrow();
        assertThat(record.occurrences()).isEqualTo(1);
        assertThat(record.reason()).contains("SCARF-MER-GRY");
        assertThat(entry().state()).isEqualTo(OrderState.DESPATCHED);
        assertThat(timelineEvents(entry(), "despatch not written to the shop")).isEqualTo(1);
    }

    @Test
    void anOrderGoneFromTheShop_isHeld_asNotWritable() {
        inLedger(OrderState.DESPATCHED);

        DespatchWritebackService.Result result = service.writeBack(notice("Complete", everything("JD0001")), 1);

        assertThat(result.outcome()).isEqualTo(Outcome.HELD);
        assertThat(exceptions.of(ExceptionType.DELIVERY_NOT_WRITABLE, "10042").orElseThrow().reason())
                .contains("no longer in the shop");
    }

    @Test
    void despatchForAnOrderTheLedgerDoesNotKnow_isPutInFrontOfAPersonOnce_andTheShopIsNotTouched() {
        inShop();

        assertThat(service.writeBack(notice("Complete", everything("JD0001")), 1).outcome()).isEqualTo(Outcome.UNKNOWN_ORDER);
        assertThat(service.writeBack(notice("Complete", everything("JD0001")), 2).outcome()).isEqualTo(Outcome.UNKNOWN_ORDER);

        assertThat(exceptions.of(ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, "10042").orElseThrow().occurrences()).isEqualTo(1);
        assertThat(shop.reads).isZero();
        assertThat(shop.calls).isEmpty();
    }

    @Test
    void aKhaosCancellationWithNothingShipped_isAPersonsCall_byDefault() {
        inShop();
        inLedger(OrderState.CANCELLED);

        assertThat(service.writeBack(notice("Cancelled"), 1).outcome()).isEqualTo(Outcome.NOTHING_TO_WRITE);
        service.writeBack(notice("Cancelled"), 2);

        assertThat(shop.calls).isEmpty();
        assertThat(exceptions.of(ExceptionType.CANCELLED_IN_KHAOS, "10042").orElseThrow().occurrences()).isEqualTo(1);
    }

    @Test
    void aKhaosCancellationWithNothingShipped_cancelsTheShopOrder_whenSoConfigured() {
        inShop();
        inLedger(OrderState.CANCELLED);
        DespatchWritebackService cancelling = service(new DespatchSettings(true, DespatchSettings.KhaosCancellation.CANCEL_ORDER, 5));

        assertThat(cancelling.writeBack(notice("Cancelled"), 1).outcome()).isEqualTo(Outcome.WRITTEN);

        assertThat(shop.calls).containsExactly("delivery d1 cancel", "order " + ORDER + " cancel");
        assertThat(shop.mails).isEmpty();
        assertThat(entry().state()).isEqualTo(OrderState.CANCELLED);
        assertThat(timelineEvents(entry(), "written to the shop")).isEqualTo(1);
    }

    // ---- failures -----------------------------------------------------------------------------------------------------

    @Test
    void aShopHiccup_failsTheStepAtOnce_withoutARetryOfItsOwn_andTheQueuesNextTryWritesEverything() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        DespatchNotice notice = notice("Complete", everything("JD0001"));
        shop.failNext("updateDelivery", new IllegalStateException("shop answered 503"));

        assertThatThrownBy(() -> service.writeBack(notice, 1))
                .isInstanceOf(DespatchWritebackService.WritebackStepFailedException.class)
                .hasMessageContaining("writing tracking codes").hasMessageContaining("503");
        assertThat(shop.calls).as("the failed call is not made again here (the shop adapter retries; retries do not stack)")
                .isEmpty();

        assertThat(service.writeBack(notice, 2).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(shop.calls).containsExactly("tracking d1 [JD0001]", "delivery d1 ship", "order " + ORDER + " process",
                "order " + ORDER + " complete");
        assertThat(exceptions.records).isEmpty();
    }

    @Test
    void aFailedShopCallLosesNothing_theQueueTriesAgain_andOnlyTheLastTryTellsAPerson() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        DespatchNotice notice = notice("Complete", everything("JD0001"));
        RuntimeException down = new IllegalStateException("shop answered 503");
        shop.failNext("transitionDelivery", down);

        assertThatThrownBy(() -> service.writeBack(notice, 1))
                .isInstanceOf(DespatchWritebackService.WritebackStepFailedException.class)
                .hasMessageContaining("marking the delivery ship").hasMessageContaining("503");
        assertThat(exceptions.records).as("not yet a person's problem").isEmpty();
        assertThat(book.lockHolder(ORDER)).as("the lock is given back after a failure too").isEmpty();
        assertThat(entry().state()).isEqualTo(OrderState.DESPATCHED);

        shop.failNext("transitionDelivery", down);
        assertThatThrownBy(() -> service.writeBack(notice, 5))
                .isInstanceOf(DespatchWritebackService.WritebackStepFailedException.class);
        ExceptionRecord failed = exceptions.of(ExceptionType.WRITEBACK_FAILED, "10042").orElseThrow();
        assertThat(failed.reason()).contains("step \"marking the delivery ship\" failed 5 times", "503");

        assertThat(service.writeBack(notice, 6).outcome()).isEqualTo(Outcome.WRITTEN);

        assertThat(shop.calls).as("the tracking code written once, the delivery shipped once").containsExactly(
                "tracking d1 [JD0001]", "delivery d1 ship", "order " + ORDER + " process", "order " + ORDER + " complete");
        assertThat(shop.mails).containsExactly("d1 shipped [JD0001]");
        assertThat(exceptions.of(ExceptionType.WRITEBACK_FAILED, "10042").orElseThrow().status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(entry().state()).isEqualTo(OrderState.WRITTEN_BACK);
    }

    @Test
    void someoneShippedTheDeliveryMeanwhile_theWritebackReadsAgain_andDoesNotShipTwice() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        shop.beforeNext("transitionDelivery", () -> shop.moveDelivery(ORDER, ShopDeliveryState.SHIPPED));

        DespatchWritebackService.Result result = service.writeBack(notice("Complete", everything("JD0001")), 1);

        assertThat(result.outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(shop.calls).containsExactly("tracking d1 [JD0001]", "order " + ORDER + " process", "order " + ORDER + " complete");
        assertThat(shop.view(ORDER).state()).isEqualTo(ShopOrderState.COMPLETED);
        assertThat(entry().state()).isEqualTo(OrderState.WRITTEN_BACK);
    }

    @Test
    void aWriteTheShopRefuses_isHeldWithAnException_notRetriedByTheQueue() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        shop.failNext("updateDelivery", new ShopDeliveries.WriteRefusedException("400: trackingCodes must be strings"));

        DespatchWritebackService.Result result = service.writeBack(notice("Complete", everything("JD0001")), 1);

        assertThat(result.outcome()).isEqualTo(Outcome.HELD);
        assertThat(shop.calls).as("not shipped without its tracking code").isEmpty();
        assertThat(exceptions.of(ExceptionType.WRITEBACK_FAILED, "10042").orElseThrow().reason())
                .contains("the shop refused what we wrote", "trackingCodes must be strings");
        assertThat(entry().state()).isEqualTo(OrderState.DESPATCHED);
    }

    @Test
    void anotherWritebackOfTheSameOrderRunning_makesThisOneWait_andItsLastTryTellsAPerson() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        DespatchNotice notice = notice("Complete", everything("JD0001"));
        book.lockWriteback(ORDER, "other-writeback", NOW.plusSeconds(60), NOW);

        assertThatThrownBy(() -> service.writeBack(notice, 1)).isInstanceOf(DespatchWritebackService.WritebackBusyException.class);
        assertThat(exceptions.records).isEmpty();
        assertThatThrownBy(() -> service.writeBack(notice, 5)).isInstanceOf(DespatchWritebackService.WritebackBusyException.class);
        assertThat(exceptions.of(ExceptionType.WRITEBACK_FAILED, "10042").orElseThrow().reason())
                .contains("waiting for another write-back");
        assertThat(shop.reads).as("the shop is not read while another write-back runs").isZero();
        assertThat(book.lockHolder(ORDER)).as("the other's lock is left alone").contains("other-writeback");

        book.unlockWriteback(ORDER, "other-writeback");
        assertThat(service.writeBack(notice, 6).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(exceptions.of(ExceptionType.WRITEBACK_FAILED, "10042").orElseThrow().status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void aLockLeftByACrashedWriteback_runsOut_andDoesNotBlockTheNext() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        book.lockWriteback(ORDER, "crashed", NOW.minusSeconds(1), NOW.minus(Duration.ofSeconds(91)));

        assertThat(service.writeBack(notice("Complete", everything("JD0001")), 1).outcome()).isEqualTo(Outcome.WRITTEN);
    }

    @Test
    void aFailureReadingTheIntegrationsOwnRecords_isLeftToTheQueue_andTheLastTryTellsAPerson() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        book.failNext(new IllegalStateException("DynamoDB: shipments table unreachable"));

        assertThatThrownBy(() -> service.writeBack(notice("Complete", everything("JD0001")), 5)).hasMessageContaining("unreachable");

        assertThat(exceptions.of(ExceptionType.WRITEBACK_FAILED, "10042").orElseThrow().reason())
                .contains("reading the integration's own records", "failed 5 times");
        assertThat(shop.calls).isEmpty();
        assertThat(book.lockHolder(ORDER)).isEmpty();
    }

    @Test
    void aLedgerOutageAfterTheShopWasWritten_isRecordedByTheNextTry() {
        inShop();
        inLedger(OrderState.DESPATCHED);
        DespatchNotice notice = notice("Complete", everything("JD0001"));
        ledger.beforeNextUpdate = () -> {
            throw new IllegalStateException("DynamoDB: orders table unreachable");
        };

        assertThatThrownBy(() -> service.writeBack(notice, 1)).hasMessageContaining("unreachable");
        assertThat(service.writeBack(notice, 2).outcome()).isEqualTo(Outcome.NOTHING_TO_WRITE);

        assertThat(entry().state()).isEqualTo(OrderState.WRITTEN_BACK);
        assertThat(shop.mails).as("the shop is not written twice").containsExactly("d1 shipped [JD0001]");
    }
}
