package com.shopkhaos.model.khaos;

import com.shopkhaos.model.HandClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.despatch.DespatchRecorder;
import com.shopkhaos.model.despatch.InMemoryDespatchPublisher;
import com.shopkhaos.model.despatch.InMemoryShipmentBook;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.HeldStock;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.secrets.RotatingSecret;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.InMemoryInFlightHolds;
import com.shopkhaos.model.stock.InMemoryStockChangePublisher;
import com.shopkhaos.model.stock.InMemoryStockVersions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The Khaos channel as Khaos Control Cloud calls it, wired as in production (the order feed, the status recorder behind
 * the despatch recorder) on the shared in-memory fakes: an order is served until Khaos confirms its page and moves
 * once; SpecificIDs answers exactly the named orders; a push is Stored only once it is kept and applied, NotStored
 * loses nothing and the retry applies it once; an unreadable one is Unreadable with its reason and kept whole for a
 * person; each problem is one exception, however often Khaos sends it.
 */
class KhaosChannelServiceTest {
    private static final String SHOP = "testShop00000001";
    private static final String SCARF = "SCARF-MER-GRY";
    private static final String HAT = "HAT-BEANIE-NVY";
    private static final RuntimeException TABLE_DOWN = new IllegalStateException("the table is unreachable");

    private final HandClock clock = new HandClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    private final InMemoryDownloadPages pages = new InMemoryDownloadPages();
    private final InMemoryKhaosInbox inbox = new InMemoryKhaosInbox();
    private final InMemoryKhaosCatalogue catalogue = new InMemoryKhaosCatalogue();
    private final InMemoryStockVersions versions = new InMemoryStockVersions();
    private final InMemoryKhaosStockLevels levels = new InMemoryKhaosStockLevels(versions);
    private final InMemoryInFlightHolds holds = new InMemoryInFlightHolds();
    private final InFlightOrders inFlight = new InFlightOrders(holds, versions);
    private final InMemoryStockChangePublisher stockChanges = new InMemoryStockChangePublisher();
    private final InMemoryShipmentBook shipments = new InMemoryShipmentBook();
    private final InMemoryDespatchPublisher despatches = new InMemoryDespatchPublisher();
    private final InMemoryKhaosMessageCodec codec = new InMemoryKhaosMessageCodec();
    private final TaxRateTable taxRates = TaxRateTable.parse("1=20,2=5,3=0");
    private final KhaosChannelService channel = channel(RotatingSecret.fixed(new ChannelCredentials("khaos", "channel-password")),
            Optional.empty());

    private KhaosChannelService channel(RotatingSecret<ChannelCredentials> credentials, Optional<String> publicBaseUrl) {
        KhaosOrderFeed feed = new KhaosOrderFeed(ledger, pages, exceptions, 2, clock);
        KhaosOrderStatusRecorder recorder = new KhaosOrderStatusRecorder(ledger, exceptions, inFlight, stockChanges, Duration.ofMinutes(5), clock);
        return new KhaosChannelService(credentials, codec, inbox, catalogue, exceptions, taxRates, feed,
                new DespatchRecorder(recorder, shipments, despatches, ledger, clock), levels, stockChanges, 5, publicBaseUrl,
                clock);
    }

    // ---- orders --------------------------------------------------------------------------------------------------

    private static String orderId(int number) {
        return String.format("%032x", number);
    }

    private static String salesOrder(String number) {
        return "{\"AssociatedRef\":\"" + number + "\"}";
    }

    /** A READY order, checked {@code minutesAgo}. */
    private OrderLedgerEntry ready(int number, int minutesAgo) {
        Instant at = clock.instant().minus(Duration.ofMinutes(minutesAgo));
        OrderLedgerEntry entry = OrderLedgerEntry.received(SHOP, orderId(number), String.valueOf(number), "evt-" + number,
                "checkout.order.placed", at).ready(salesOrder(String.valueOf(number)), at, "checked");
        ledger.entries.put(entry.orderId(), entry);
        return entry;
    }

    /** The order holds these units, placed and recorded on its entry as order-sync does. */
    private void held(int number, Map<String, Integer> units) {
        inFlight.hold(orderId(number), String.valueOf(number), Optional.of(Map.of()), units, clock.instant());
        ledger.entries.computeIfPresent(orderId(number), (id, e) -> e.withHeldStock(HeldStock.of(units)));
    }

    /** An order Khaos downloaded (and imported, when given a code). */
    private OrderLedgerEntry handedOver(int number, String khaosCode) {
        OrderLedgerEntry ready = ready(number, 120);
        Instant at = ready.updatedAt();
        KhaosHandover served = ready.khaos().servedIn("kc1-old").downloaded(at);
        OrderLedgerEntry entry = ready.moveTo(OrderState.DOWNLOADED, served, at, "served");
        if (!khaosCode.isEmpty()) {
            entry = entry.moveTo(OrderState.IMPORTED, served.reported(khaosCode, "4711", "Received", KhaosOrderProgress.RECEIVED),
                    at, "Khaos imported it");
        }
        ledger.entries.put(entry.orderId(), entry);
        return entry;
    }

    private OrderLedgerEntry entry(int number) {
        return ledger.find(orderId(number)).orElseThrow();
    }

    private KhaosOrderFeed.Download download(Optional<String> continuation) {
        ChannelAnswer answer = channel.orderDownload(continuation, List.of());
        assertThat(answer).isInstanceOf(ChannelAnswer.Orders.class);
        return ((ChannelAnswer.Orders) answer).download();
    }

    private static List<String> refs(KhaosOrderFeed.Download download) {
        return download.salesOrders().stream().map(json -> json.replaceAll("\\D", "")).toList();
    }

    private static long movesTo(OrderLedgerEntry entry, OrderState state) {
        return entry.timeline().stream().filter(t -> t.event().endsWith("→ " + state)).count();
    }

    @Test
    void readyOrders_areServedOldestFirst_inPages_andStayReadyUntilKhaosConfirmsThePage() {
        ready(10001, 5);
        ready(10002, 30);
        ready(10003, 10);

        KhaosOrderFeed.Download first = download(Optional.empty());

        assertThat(refs(first)).containsExactly("10002", "10003");
        assertThat(first.continuation()).hasValueSatisfying(c -> assertThat(c).startsWith("kc1-"));
        assertThat(first.acknowledged()).isZero();
        assertThat(List.of(entry(10001), entry(10002), entry(10003))).extracting(OrderLedgerEntry::state)
                .containsOnly(OrderState.READY);
    }

    @Test
    void aPageKhaosNeverConfirmed_isServedAgain_andEachOrderMovesToDownloadedOnce() {
        ready(10001, 30);
        ready(10002, 20);
        ready(10003, 10);

        download(Optional.empty()); // Khaos lost this answer: it never sends its continuation back
        KhaosOrderFeed.Download again = download(Optional.empty());
        assertThat(refs(again)).containsExactly("10001", "10002");

        clock.advance(Duration.ofMinutes(5));
        KhaosOrderFeed.Download next = download(again.continuation());
        assertThat(next.acknowledged()).isEqualTo(2);
        assertThat(refs(next)).containsExactly("10003");
        assertThat(entry(10001).state()).isEqualTo(OrderState.DOWNLOADED);
        assertThat(entry(10001).khaos().servedPage()).isEqualTo(again.continuation().orElseThrow());

        // Khaos repeats the confirmation it already sent: nothing moves twice, the unconfirmed order is served again
        clock.advance(Duration.ofMinutes(5));
        KhaosOrderFeed.Download repeat = download(again.continuation());
        assertThat(repeat.acknowledged()).isZero();
        assertThat(refs(repeat)).containsExactly("10003");

        KhaosOrderFeed.Download last = download(repeat.continuation());
        assertThat(last.acknowledged()).isEqualTo(1);
        assertThat(last.salesOrders()).isEmpty();
        assertThat(last.continuation()).isEqualTo(repeat.continuation());
        for (int number : new int[] {10001, 10002, 10003}) {
            assertThat(entry(number).state()).isEqualTo(OrderState.DOWNLOADED);
            assertThat(movesTo(entry(number), OrderState.DOWNLOADED)).as("order %s moved once", number).isEqualTo(1);
        }
        assertThat(download(Optional.empty()).salesOrders()).isEmpty();
    }

    @Test
    void aContinuationWeDidNotIssue_acknowledgesNothing() {
        ready(10001, 30);

        assertThat(download(Optional.of("2026-12-01T00:00:00")).acknowledged()).isZero();
        assertThat(download(Optional.of("kc1-0-unknown")).acknowledged()).isZero();

        assertThat(entry(10001).state()).isEqualTo(OrderState.READY);
    }

    @Test
    void specificIds_serveTheNamedOrders_whateverTheirState_butNeverOneKhaosReportedHolding_andMoveNothing() {
        ready(10001, 30);
        handedOver(10002, "");
        handedOver(10003, "SO05003");
        ready(10004, 10);
        OrderLedgerEntry quarantined = OrderLedgerEntry.received(SHOP, orderId(10005), "10005", "evt-10005",
                "checkout.order.placed", clock.instant()).quarantined(List.of("UNKNOWN_SKU#10005:X"), clock.instant(), "held");
        ledger.entries.put(quarantined.orderId(), quarantined);

        ChannelAnswer answer = channel.orderDownload(Optional.of("kc1-1-abc"), List.of("10003", "10001", "99999", "10005", "10002"));

        KhaosOrderFeed.Download served = ((ChannelAnswer.Orders) answer).download();
        assertThat(refs(served)).as("10003 is SO05003 in Khaos: a second import would be a second order")
                .containsExactly("10001", "10002");
        assertThat(served.acknowledged()).isZero();
        assertThat(served.continuation()).contains("kc1-1-abc");
        assertThat(entry(10001).state()).isEqualTo(OrderState.READY);
        assertThat(entry(10003).state()).isEqualTo(OrderState.IMPORTED);
        assertThat(pages.pages).isEmpty();
    }

    @Test
    void specificIds_namingAnOrderTwice_serveItOnce() {
        ready(10001, 30);

        ChannelAnswer answer = channel.orderDownload(Optional.empty(), List.of("10001", "10001"));

        assertThat(refs(((ChannelAnswer.Orders) answer).download())).containsExactly("10001");
    }

    @Test
    void anOrderWithdrawnBeforeKhaosConfirmedItsPage_staysWithdrawn_andOnePersonIsAsked() {
        ready(10001, 30);
        KhaosOrderFeed.Download first = download(Optional.empty());
        KhaosOrderFeed.Download second = download(Optional.empty());
        OrderLedgerEntry served = entry(10001);
        ledger.entries.put(served.orderId(), served.moveTo(OrderState.WITHDRAWN, clock.instant(), "cancelled in the shop"));

        download(first.continuation());
        download(second.continuation());

        assertThat(entry(10001).state()).isEqualTo(OrderState.WITHDRAWN);
        assertThat(exceptions.raised).extracting(ExceptionRecord::id)
                .containsExactly(ExceptionRecord.idFor(ExceptionType.CANCELLED_AFTER_DOWNLOAD, "10001"));
    }

    @Test
    void whenThePageCannotBeKept_theDownloadIsUnavailable_andTheOrdersAreServedNextTime() {
        ready(10001, 30);
        pages.failNextSave(TABLE_DOWN);

        assertThat(channel.orderDownload(Optional.empty(), List.of())).isInstanceOf(ChannelAnswer.OrdersUnavailable.class);
        assertThat(entry(10001).state()).isEqualTo(OrderState.READY);

        assertThat(refs(download(Optional.empty()))).containsExactly("10001");
    }

    @Test
    void aConfirmationThatCannotBeRecorded_isRecordedWhenKhaosSendsItAgain() {
        ready(10001, 30);
        ready(10002, 20);
        KhaosOrderFeed.Download served = download(Optional.empty());
        AtomicInteger writes = new AtomicInteger();
        ledger.beforeEveryUpdate = () -> {
            if (writes.incrementAndGet() == 2) {
                throw TABLE_DOWN;
            }
        };

        assertThat(channel.orderDownload(served.continuation(), List.of())).isInstanceOf(ChannelAnswer.OrdersUnavailable.class);
        assertThat(entry(10002).state()).isEqualTo(OrderState.READY);

        KhaosOrderFeed.Download again = download(served.continuation());
        assertThat(again.acknowledged()).isEqualTo(1);
        assertThat(List.of(entry(10001), entry(10002))).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(OrderState.DOWNLOADED);
            assertThat(movesTo(e, OrderState.DOWNLOADED)).isEqualTo(1);
        });
    }

    // ---- stock statuses ------------------------------------------------------------------------------------------

    private byte[] stockPush(List<String> unreadable, StockLevel... figures) {
        return codec.stockStatuses(new StockStatusUpload(List.of(figures), unreadable));
    }

    private StockLevel figure(String code, int site, String available) {
        return new StockLevel(code, "id-" + code, site, new BigDecimal(available), clock.instant());
    }

    private List<String> queuedCodes() {
        return stockChanges.published.stream().flatMap(c -> c.stockCodes().stream()).toList();
    }

    @Test
    void aStockPush_isKeptRaw_storedPerCodeAndSite_andItsCodesQueued() {
        byte[] body = stockPush(List.of(), figure(SCARF, 1, "5"), figure(HAT, 2, "3"));

        assertThat(channel.upload(KhaosUploadKind.STOCK_STATUS, body)).isEqualTo(new ChannelAnswer.Stored(KhaosUploadKind.STOCK_STATUS));

        assertThat(inbox.bodies(KhaosUploadKind.STOCK_STATUS)).containsExactly(new String(body, StandardCharsets.UTF_8));
        assertThat(levels.levels(SCARF)).singleElement().satisfies(l -> {
            assertThat(l.site()).isEqualTo(1);
            assertThat(l.available()).isEqualByComparingTo("5");
        });
        assertThat(queuedCodes()).containsExactlyInAnyOrder(SCARF, HAT);
    }

    @Test
    void aStockPushThatCannotBeKept_isNotStored_appliesNothing_andTheRetryStoresItOnce() {
        byte[] body = stockPush(List.of(), figure(SCARF, 1, "5"));
        inbox.failNext(TABLE_DOWN);

        assertThat(channel.upload(KhaosUploadKind.STOCK_STATUS, body)).isInstanceOf(ChannelAnswer.NotStored.class);
        assertThat(inbox.kept).isEmpty();
        assertThat(levels.all()).isEmpty();
        assertThat(stockChanges.published).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(channel.upload(KhaosUploadKind.STOCK_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);
        assertThat(inbox.kept).hasSize(1);
        assertThat(levels.levels(SCARF)).hasSize(1);
        assertThat(queuedCodes()).containsExactly(SCARF);
    }

    @Test
    void aStockPushWhoseChangeCannotBeQueued_isNotStored_andTheRetryQueuesIt() {
        byte[] body = stockPush(List.of(), figure(SCARF, 1, "5"));
        stockChanges.failNext(new IllegalStateException("the queue refused the message"));

        assertThat(channel.upload(KhaosUploadKind.STOCK_STATUS, body)).isInstanceOf(ChannelAnswer.NotStored.class);
        assertThat(stockChanges.published).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(channel.upload(KhaosUploadKind.STOCK_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);
        assertThat(queuedCodes()).containsExactly(SCARF);
    }

    @Test
    void unreadableEntriesOfAPush_goToAPersonOnceEach_andTheRestApply() {
        String bad = "{\"StockCode\":\"\",\"Site\":1}";
        byte[] body = stockPush(List.of(bad), figure(SCARF, 1, "5"));

        channel.upload(KhaosUploadKind.STOCK_STATUS, body);
        clock.advance(Duration.ofMinutes(1));
        assertThat(channel.upload(KhaosUploadKind.STOCK_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);

        assertThat(levels.levels(SCARF)).hasSize(1);
        assertThat(exceptions.ofType(ExceptionType.KHAOS_UPLOAD_UNREADABLE)).singleElement().satisfies(e -> {
            assertThat(e.evidence()).isEqualTo(bad);
            assertThat(e.occurrences()).isEqualTo(2);
        });
    }

    // ---- unreadable pushes ---------------------------------------------------------------------------------------

    @Test
    void anUnreadablePush_isAnsweredUnreadableWithItsReason_keptWholeForAPerson_once() {
        byte[] body = "<html>not a push</html>".getBytes(StandardCharsets.UTF_8);

        for (KhaosUploadKind kind : KhaosUploadKind.values()) {
            ChannelAnswer answer = channel.upload(kind, body);
            assertThat(answer).isInstanceOf(ChannelAnswer.Unreadable.class);
            assertThat(((ChannelAnswer.Unreadable) answer).reason()).startsWith("not a ");
        }
        channel.upload(KhaosUploadKind.ORDER_STATUS, body);

        assertThat(exceptions.ofType(ExceptionType.KHAOS_UPLOAD_UNREADABLE)).hasSize(KhaosUploadKind.values().length)
                .allSatisfy(e -> assertThat(e.evidence()).isEqualTo("<html>not a push</html>"))
                .filteredOn(e -> e.subject().startsWith("order_status-")).singleElement()
                .satisfies(e -> assertThat(e.occurrences()).isEqualTo(2));
        assertThat(inbox.kept).isEmpty();
    }

    @Test
    void anUnreadablePushThatCannotBeKept_isNotStored_soKhaosSendsItAgain() {
        byte[] body = "garbage".getBytes(StandardCharsets.UTF_8);
        exceptions.failNextRaise(TABLE_DOWN);

        assertThat(channel.upload(KhaosUploadKind.STOCK, body)).isInstanceOf(ChannelAnswer.NotStored.class);
        assertThat(exceptions.records).isEmpty();

        assertThat(channel.upload(KhaosUploadKind.STOCK, body)).isInstanceOf(ChannelAnswer.Unreadable.class);
        assertThat(exceptions.ofType(ExceptionType.KHAOS_UPLOAD_UNREADABLE)).hasSize(1);
    }

    // ---- the catalogue -------------------------------------------------------------------------------------------

    private static CatalogueItem item(String stockId, String code, String taxCode) {
        return new CatalogueItem(stockId, code, code, "", taxCode, Optional.empty(), false, false, true, true, false, false,
                Instant.EPOCH);
    }

    @Test
    void aCatalogue_isApplied_withKhaosTaxCodesAsPercentages_andEachUnknownCodeIsOneProblem() {
        catalogue.add(item("S9", "OLD-ITEM", "1"));
        byte[] body = codec.catalogue(new CatalogueChange(List.of(item("S1", SCARF, "1"), item("S2", HAT, "9"),
                item("S3", "GLOVES", "9"), item("S4", "SOCKS", "")), List.of("S9")));

        assertThat(channel.upload(KhaosUploadKind.STOCK, body)).isEqualTo(new ChannelAnswer.Stored(KhaosUploadKind.STOCK));
        clock.advance(Duration.ofMinutes(1));
        assertThat(channel.upload(KhaosUploadKind.STOCK, body)).isEqualTo(new ChannelAnswer.Stored(KhaosUploadKind.STOCK));

        assertThat(catalogue.byStockCode(SCARF)).hasValueSatisfying(i ->
                assertThat(i.taxRatePercent()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("20")));
        assertThat(catalogue.byStockId("S9")).hasValueSatisfying(i -> assertThat(i.deleted()).isTrue());
        assertThat(exceptions.ofType(ExceptionType.UNKNOWN_TAX_RATE_CODE)).extracting(ExceptionRecord::subject)
                .containsExactlyInAnyOrder("tax-rate-9", "tax-rate-blank");
        assertThat(exceptions.of(ExceptionType.UNKNOWN_TAX_RATE_CODE, "tax-rate-9")).hasValueSatisfying(e -> {
            assertThat(e.reason()).contains("\"9\" on 2 item(s)", "KHAOS_TAX_RATES");
            assertThat(e.occurrences()).isEqualTo(2);
        });
    }

    @Test
    void aCatalogueThatCannotBeKept_isNotStored_andChangesNothing() {
        byte[] body = codec.catalogue(new CatalogueChange(List.of(item("S1", SCARF, "1")), List.of()));
        inbox.failNext(TABLE_DOWN);

        assertThat(channel.upload(KhaosUploadKind.STOCK, body)).isInstanceOf(ChannelAnswer.NotStored.class);
        assertThat(catalogue.byStockCode(SCARF)).isEmpty();

        assertThat(channel.upload(KhaosUploadKind.STOCK, body)).isInstanceOf(ChannelAnswer.Stored.class);
        assertThat(catalogue.byStockCode(SCARF)).isPresent();
    }

    // ---- order statuses ------------------------------------------------------------------------------------------

    private static KhaosOrderStatus status(int number, String khaosCode, KhaosOrderProgress progress, KhaosShipment... shipped) {
        return new KhaosOrderStatus(khaosCode, "id-" + khaosCode, progress.name(), progress, String.valueOf(number),
                orderId(number), List.of(shipped));
    }

    private byte[] statuses(List<String> unreadable, KhaosOrderStatus... statuses) {
        return codec.orderStatuses(new OrderStatusUpload(List.of(statuses), unreadable));
    }

    @Test
    void anImport_recordsKhaosCode_movesTheOrderOnce_andRequeuesItsStockOnce() {
        handedOver(10001, "");
        held(10001, Map.of(SCARF, 2));
        byte[] body = statuses(List.of(), status(10001, "SO05001", KhaosOrderProgress.RECEIVED));

        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isEqualTo(new ChannelAnswer.Stored(KhaosUploadKind.ORDER_STATUS));
        assertThat(holds.holds(SCARF)).singleElement().satisfies(h -> assertThat(h.importedAt()).isEqualTo(clock.instant()));
        long version = entry(10001).version();
        clock.advance(Duration.ofMinutes(1));
        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);

        assertThat(entry(10001).state()).isEqualTo(OrderState.IMPORTED);
        assertThat(entry(10001).khaos().khaosOrderCode()).isEqualTo("SO05001");
        assertThat(entry(10001).version()).as("the same status again changes nothing").isEqualTo(version);
        assertThat(queuedCodes()).containsExactly(SCARF);
    }

    @Test
    void anImport_schedulesOnePushOfItsStockForWhenTheSettleTimeRunsOut_soAFigureThatCameFirstIsWrittenThen() {
        handedOver(10001, "");
        held(10001, Map.of(SCARF, 2));
        byte[] body = statuses(List.of(), status(10001, "SO05001", KhaosOrderProgress.RECEIVED));

        channel.upload(KhaosUploadKind.ORDER_STATUS, body);
        channel.upload(KhaosUploadKind.ORDER_STATUS, body);

        assertThat(stockChanges.delayed).hasSize(1);
        InMemoryStockChangePublisher.Delayed later = stockChanges.delayed.get(0);
        assertThat(later.change().stockCodes()).containsExactly(SCARF);
        assertThat(later.change().shopChangedItself()).isFalse();
        assertThat(later.change().timePassed()).as("the push numbers the passing of the settle time itself").isTrue();
        assertThat(later.delay()).as("just after the 5 minutes the holds count for").isGreaterThan(Duration.ofMinutes(5))
                .isLessThanOrEqualTo(Duration.ofMinutes(5).plusSeconds(5));
    }

    @Test
    void aStatusBeforeThePageIsConfirmed_passesThroughDownloaded_andTheLateConfirmationChangesNothing() {
        ready(10001, 30);
        KhaosOrderFeed.Download served = download(Optional.empty());

        channel.upload(KhaosUploadKind.ORDER_STATUS, statuses(List.of(), status(10001, "SO05001", KhaosOrderProgress.RECEIVED)));
        assertThat(entry(10001).state()).isEqualTo(OrderState.IMPORTED);
        assertThat(entry(10001).khaos().downloadedAt()).isNotNull();

        assertThat(download(served.continuation()).acknowledged()).isZero();
        assertThat(entry(10001).state()).isEqualTo(OrderState.IMPORTED);
        assertThat(exceptions.records).isEmpty();
    }

    @Test
    void aStatusForAnOrderWeNeverSent_goesToAPersonOnce() {
        byte[] body = statuses(List.of("{\"OrderCode\":\"SO9\"}"), status(99999, "SO05999", KhaosOrderProgress.RECEIVED));

        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);
        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);

        assertThat(exceptions.records.values()).extracting(ExceptionRecord::type).containsExactlyInAnyOrder(
                ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, ExceptionType.KHAOS_UPLOAD_UNREADABLE);
        assertThat(exceptions.of(ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER, "99999")).isPresent();
    }

    @Test
    void statusesFailingHalfway_areNotStored_andTheRetryAppliesEachOnce() {
        handedOver(10001, "");
        handedOver(10002, "");
        byte[] body = statuses(List.of(), status(10001, "SO05001", KhaosOrderProgress.RECEIVED),
                status(10002, "SO05002", KhaosOrderProgress.RECEIVED));
        AtomicInteger writes = new AtomicInteger();
        ledger.beforeEveryUpdate = () -> {
            if (writes.incrementAndGet() == 2) {
                throw TABLE_DOWN;
            }
        };

        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isInstanceOf(ChannelAnswer.NotStored.class);
        assertThat(entry(10001).state()).isEqualTo(OrderState.IMPORTED);
        assertThat(entry(10002).state()).isEqualTo(OrderState.DOWNLOADED);

        clock.advance(Duration.ofMinutes(1));
        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);
        assertThat(List.of(entry(10001), entry(10002))).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(OrderState.IMPORTED);
            assertThat(movesTo(e, OrderState.IMPORTED)).isEqualTo(1);
        });
    }

    private static KhaosShipment shipment(ShipmentStage stage) {
        return new KhaosShipment("SH1", "INV001", stage.name(), stage,
                List.of(new KhaosShipment.Item("OI1", "SI1", SCARF, BigDecimal.ONE, "line-1", "")),
                List.of(new KhaosShipment.Parcel("TRACK123", new KhaosShipment.Courier("", "DPD", "DPD"), "2026-12-05")));
    }

    @Test
    void aShipmentStillInTheWarehouseWithoutARef_costsTheShipmentsTableNothing_butOneWithARefIsKept_andItsRefReachesTheDespatch() {
        handedOver(10001, "SO05001");
        KhaosShipment picking = new KhaosShipment("SH1", "INV001", "Picking", ShipmentStage.IN_WAREHOUSE,
                shipment(ShipmentStage.IN_WAREHOUSE).items(), List.of());
        shipments.failNext(TABLE_DOWN);

        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, statuses(List.of(),
                status(10001, "SO05001", KhaosOrderProgress.RECEIVED, picking)))).as("the shipments were not read")
                .isInstanceOf(ChannelAnswer.Stored.class);
        assertThatThrownBy(() -> shipments.forOrder(orderId(10001))).as("the failure is still there for the next read")
                .isSameAs(TABLE_DOWN);
        assertThat(shipments.forOrder(orderId(10001))).as("nothing kept").isEmpty();

        KhaosShipment labelled = shipment(ShipmentStage.SHIPPING);
        clock.advance(Duration.ofMinutes(1));
        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, statuses(List.of(),
                status(10001, "SO05001", KhaosOrderProgress.RECEIVED, labelled)))).isInstanceOf(ChannelAnswer.Stored.class);
        assertThat(shipments.forOrder(orderId(10001))).as("its consignment ref is kept").containsKey("SH1");

        KhaosShipment leftWithoutRef = new KhaosShipment("SH1", "INV001", "Invoicing", ShipmentStage.INVOICING,
                labelled.items(), List.of());
        clock.advance(Duration.ofMinutes(1));
        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, statuses(List.of(),
                status(10001, "SO05001", KhaosOrderProgress.COMPLETE, leftWithoutRef)))).isInstanceOf(ChannelAnswer.Stored.class);
        assertThat(despatches.published).singleElement().satisfies(n -> assertThat(n.shipments()).singleElement()
                .satisfies(s -> assertThat(s.parcels()).extracting(KhaosShipment.Parcel::consignmentRef).containsExactly("TRACK123")));
    }

    @Test
    void aShipmentThatLeftTheWarehouse_isQueuedOnce_andKeptAfter_andARefusedQueueLosesNothing() {
        handedOver(10001, "SO05001");
        byte[] body = statuses(List.of(), status(10001, "SO05001", KhaosOrderProgress.COMPLETE, shipment(ShipmentStage.INVOICING)));
        despatches.failNext(new IllegalStateException("the queue refused the message"));

        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isInstanceOf(ChannelAnswer.NotStored.class);
        assertThat(shipments.forOrder(orderId(10001))).as("kept only after the work is queued").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, body)).isInstanceOf(ChannelAnswer.Stored.class);

        assertThat(despatches.published).singleElement().satisfies(n -> {
            assertThat(n.orderNumber()).isEqualTo("10001");
            assertThat(n.shipments()).extracting(KhaosShipment::id).containsExactly("SH1");
        });
        assertThat(shipments.forOrder(orderId(10001))).containsKey("SH1");
        assertThat(entry(10001).state()).isEqualTo(OrderState.DESPATCHED);
    }

    @Test
    void aSecondKhaosOrderForOneShopOrder_goesToAPersonOnce_changesNothingOfTheOrder_andItsDespatchIsNeverQueued() {
        handedOver(10001, "SO05001");
        long version = entry(10001).version();
        byte[] second = statuses(List.of(), status(10001, "SO05777", KhaosOrderProgress.RECEIVED));
        byte[] secondShipped = statuses(List.of(), status(10001, "SO05777", KhaosOrderProgress.COMPLETE,
                shipment(ShipmentStage.INVOICING)));

        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, second)).isInstanceOf(ChannelAnswer.Stored.class);
        assertThat(channel.upload(KhaosUploadKind.ORDER_STATUS, secondShipped)).isInstanceOf(ChannelAnswer.Stored.class);

        assertThat(exceptions.records.values()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExceptionType.DUPLICATE_IN_KHAOS);
            assertThat(e.reason()).contains("SO05001", "SO05777", "cancel SO05777");
        });
        assertThat(despatches.published).as("the second order's parcels never reach the shop").isEmpty();
        assertThat(shipments.forOrder(orderId(10001))).isEmpty();
        assertThat(entry(10001).khaos().khaosOrderCode()).isEqualTo("SO05001");
        assertThat(entry(10001).state()).isEqualTo(OrderState.IMPORTED);
        assertThat(entry(10001).version()).isEqualTo(version);
    }

    @Test
    void cancellingTheSecondKhaosOrder_resolvesTheDuplicate_andLeavesTheShopOrderAlone() {
        handedOver(10001, "SO05001");
        channel.upload(KhaosUploadKind.ORDER_STATUS, statuses(List.of(), status(10001, "SO05777", KhaosOrderProgress.RECEIVED)));

        channel.upload(KhaosUploadKind.ORDER_STATUS, statuses(List.of(), status(10001, "SO05777", KhaosOrderProgress.CANCELLED)));

        assertThat(exceptions.records.values()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExceptionType.DUPLICATE_IN_KHAOS);
            assertThat(e.status()).isEqualTo(ExceptionStatus.RESOLVED);
        });
        assertThat(entry(10001).state()).as("the first Khaos order still stands").isEqualTo(OrderState.IMPORTED);
        assertThat(despatches.published).as("no cancellation for the shop").isEmpty();
    }

    // ---- credentials and setup -----------------------------------------------------------------------------------

    @Test
    void onlyTheChannelsCredentialsAreAdmitted() {
        assertThat(channel.admits("khaos", "channel-password")).isTrue();
        assertThat(channel.admits("khaos", "channel-passwore")).isFalse();
        assertThat(channel.admits("khaoz", "channel-password")).isFalse();
        assertThat(channel.admits("khaos", "")).isFalse();
        assertThat(channel.admits(null, null)).isFalse();
    }

    @Test
    void aRotatedPassword_isAdmittedAtOnce_andTheOldOneRefused() {
        AtomicReference<ChannelCredentials> stored = new AtomicReference<>(new ChannelCredentials("khaos", "old-password"));
        KhaosChannelService rotating = channel(new RotatingSecret<>("the channel credentials", stored::get,
                Duration.ofMinutes(5), clock), Optional.empty());
        assertThat(rotating.admits("khaos", "old-password")).isTrue();

        stored.set(new ChannelCredentials("khaos", "new-password"));

        assertThat(rotating.admits("khaos", "new-password")).isTrue();
        assertThat(rotating.admits("khaos", "old-password")).isFalse();
    }

    @Test
    void theSetup_namesOurPublicBaseUrl_elseTheOneKhaosCalled() {
        RotatingSecret<ChannelCredentials> credentials = RotatingSecret.fixed(new ChannelCredentials("khaos", "pw"));

        assertThat(channel(credentials, Optional.of("https://channel.shop.example//")).config("http://internal:8080"))
                .isEqualTo(new ChannelAnswer.ChannelSetup("https://channel.shop.example", 5));
        assertThat(channel(credentials, Optional.of(" ")).config("http://localhost:8080/"))
                .isEqualTo(new ChannelAnswer.ChannelSetup("http://localhost:8080", 5));
    }
}
