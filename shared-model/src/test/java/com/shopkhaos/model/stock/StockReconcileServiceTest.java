package com.shopkhaos.model.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.shopkhaos.model.app.InMemoryShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.InMemoryKhaosCatalogue;
import com.shopkhaos.model.khaos.InMemoryKhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ordersync.InMemoryOrderMappings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scheduled full reconcile: every shop product against its sellable figure, only those that differ written, and
 * the stock conditions kept in front of people (raised once while they hold, closed once they do not). The stores are
 * the in-memory ports; the shop is a set of products whose stock a test can change behind the integration's back.
 */
class StockReconcileServiceTest {
    private static final String SHOP = "shop1";
    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static final String MUG = "MUG-STONE-BLU";
    private static final String HAT = "HAT-BEANIE-NVY";
    private static final String SCARF = "SCARF-MER-GRY";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryShopRegistry shops = new InMemoryShopRegistry().confirmed(SHOP).pending("shop2");
    private final InMemoryShopProducts products = new InMemoryShopProducts();
    private final InMemoryWebStock webStock = new InMemoryWebStock();
    private final InMemoryStockVersions versions = new InMemoryStockVersions();
    private final InMemoryKhaosStockLevels levels = new InMemoryKhaosStockLevels(versions);
    private final InFlightOrders inFlight = new InFlightOrders(new InMemoryInFlightHolds(), versions);
    private final InMemoryKhaosCatalogue catalogue = new InMemoryKhaosCatalogue();
    private final InMemoryOrderMappings mappings = new InMemoryOrderMappings();
    private final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    private final StockPushService.StockSettings settings = new StockPushService.StockSettings(WebSites.parse("1"),
            new StockBufferPolicy(BufferRule.NONE, List.of()), Duration.ofMinutes(5), 100);
    private final StockPushService push = new StockPushService(shops, products, webStock, levels, inFlight, versions, mappings,
            exceptions, settings, clock);
    private final StockReconcileService reconcile = new StockReconcileService(push, products, webStock, levels, inFlight,
            versions, catalogue, mappings, exceptions, settings, clock);

    private static CatalogueItem item(String code, boolean publishOnWeb, boolean discontinued) {
        return new CatalogueItem("s-" + code, code, code + " description", "", "1", Optional.of(new BigDecimal("20")), discontinued,
                false, true, publishOnWeb, false, false, Instant.parse("2026-11-27T09:00:00Z"));
    }

    /** Khaos describes the item and reports this figure at the web site (1). */
    private void khaos(String code, int available) {
        catalogue.add(item(code, true, false));
        figure(code, 1, available, NOW.minus(Duration.ofHours(1)));
    }

    private void figure(String code, int site, int available, Instant receivedAt) {
        levels.record(List.of(new StockLevel(code, "s-" + code, site, new BigDecimal(available), receivedAt)));
    }

    private StockReconcileService.Report reconcileOnce() {
        List<StockReconcileService.Report> reports = reconcile.reconcile();
        assertThat(reports).extracting(StockReconcileService.Report::shopId).containsExactly(SHOP);
        return reports.get(0);
    }

    /** The subject of a condition of shop1: the shop, a colon, the SKU (or the stock code it lacks). */
    private static String inShop1(String what) {
        return SHOP + ":" + what;
    }

    private ExceptionRecord exception(ExceptionType type, String subject) {
        return exceptions.of(type, subject).orElseThrow(() -> new AssertionError("no " + type + " for " + subject
                + "; there are " + exceptions.records.keySet()));
    }

    @Test
    void theReconcileCorrectsDriftAndLeavesMatchingStockAlone() {
        products.add(SHOP, MUG, 9).add(SHOP, HAT, 5).add(SHOP, SCARF, 0);
        khaos(MUG, 4);
        khaos(HAT, 5);
        khaos(SCARF, 3);

        StockReconcileService.Report report = reconcileOnce();

        assertThat(products.writes()).containsExactlyInAnyOrder(MUG + "=4", SCARF + "=3");
        assertThat(products.stock(SHOP, HAT)).isEqualTo(5);
        assertThat(report.products()).isEqualTo(3);
        assertThat(report.differing()).isEqualTo(2);
        assertThat(report.written()).isEqualTo(2);
        assertThat(webStock.entry(new ShopSku(SHOP, MUG)).lastPushed()).as("recorded as what the shop shows").isEqualTo(4);
        assertThat(exceptions.records).isEmpty();
    }

    @Test
    void aSecondReconcileWritesNothing_andAnEditInTheShopAdminIsPutRight() {
        products.add(SHOP, MUG, 9).add(SHOP, HAT, 9);
        khaos(MUG, 4);
        khaos(HAT, 6);
        reconcileOnce();
        int requests = products.requests.size();

        assertThat(reconcileOnce().written()).isZero();
        assertThat(products.requests).hasSize(requests);

        products.edit(SHOP, MUG, 50); // someone typed a figure in the shop admin
        StockReconcileService.Report report = reconcileOnce();

        assertThat(report.written()).isEqualTo(1);
        assertThat(products.requests.get(products.requests.size() - 1))
                .extracting(ShopProducts.StockWrite::sku, ShopProducts.StockWrite::stock)
                .containsExactly(tuple(MUG, 4));
        assertThat(products.stock(SHOP, MUG)).isEqualTo(4);
    }

    @Test
    void ordersNotYetInKhaos_andTheSafetyBuffer_areTakenOff() {
        products.add(SHOP, MUG, 10);
        khaos(MUG, 10);
        inFlight.hold("order-1", "10001", Optional.of(Map.of()), Map.of(MUG, 3), NOW.minus(Duration.ofMinutes(20)));
        inFlight.hold("order-2", "10002", Optional.of(Map.of()), Map.of(MUG, 4), NOW.minus(Duration.ofHours(3)));
        inFlight.imported("order-2", NOW.minus(Duration.ofHours(2))); // Khaos's figure (an hour old) includes it
        mappings.put(InMemoryOrderMappings.BUFFER, MUG, "2");

        reconcileOnce();

        assertThat(products.stock(SHOP, MUG)).as("10 - buffer 2 - in flight 3").isEqualTo(5);
    }

    @Test
    void aProductKhaosNeverReportedAtAWebSite_isLeftAlone_notZeroed() {
        products.add(SHOP, MUG, 7).add(SHOP, HAT, 7);
        catalogue.add(item(MUG, true, false), item(HAT, true, false));
        figure(HAT, 2, 0, NOW.minus(Duration.ofHours(1))); // the warehouse site, not a web site

        StockReconcileService.Report report = reconcileOnce();

        assertThat(products.requests).isEmpty();
        assertThat(report.differing()).isZero();
        assertThat(exceptions.records).isEmpty();
    }

    @Test
    void aShopProductWithoutAKhaosCode_isRaisedOnce_andClosesItselfOnceItIsMapped() {
        products.add(SHOP, "MUG-OLD", 3).add(SHOP, MUG, 8);
        khaos(MUG, 8);

        reconcileOnce();
        reconcileOnce();

        ExceptionRecord record = exception(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, inShop1("MUG-OLD"));
        assertThat(record.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(record.occurrences()).as("one record, raised once while it holds").isEqualTo(1);
        assertThat(products.stock(SHOP, "MUG-OLD")).as("never written on a guess").isEqualTo(3);

        mappings.put(InMemoryOrderMappings.SKU, "MUG-OLD", MUG);
        reconcileOnce();

        ExceptionRecord closed = exception(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, inShop1("MUG-OLD"));
        assertThat(closed.status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(closed.resolvedBy()).isEqualTo("stock-reconcile");
        assertThat(products.stock(SHOP, "MUG-OLD")).as("sells the mapped code's stock").isEqualTo(8);
    }

    @Test
    void negativeStockInKhaos_showsNone_andStaysInFrontOfAPersonUntilKhaosReportsZeroOrMore() {
        products.add(SHOP, MUG, 3);
        khaos(MUG, -2);

        reconcileOnce();
        reconcileOnce();

        assertThat(products.stock(SHOP, MUG)).isZero();
        ExceptionRecord negative = exception(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, MUG);
        assertThat(negative.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(negative.occurrences()).isEqualTo(1);
        assertThat(negative.reason()).contains("-2");

        figure(MUG, 1, 0, NOW.minus(Duration.ofMinutes(5)));
        reconcileOnce();

        assertThat(exception(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, MUG).status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void stockForACodeKhaosNeverDescribed_isRaised_andClosesOnceTheItemArrives() {
        figure("GHOST-01", 1, 4, NOW.minus(Duration.ofHours(1)));

        reconcileOnce();
        assertThat(exception(ExceptionType.STOCK_FOR_UNKNOWN_CODE, "GHOST-01").status()).isEqualTo(ExceptionStatus.OPEN);

        catalogue.add(item("GHOST-01", false, false));
        reconcileOnce();
        assertThat(exception(ExceptionType.STOCK_FOR_UNKNOWN_CODE, "GHOST-01").status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void aKhaosWebItemMissingFromTheShop_isRaised_butNotADiscontinuedOrOffTheWebOne_norOneSoldUnderAMappedSku() {
        catalogue.add(item("LAMP-BRASS-DESK", true, false), item("CANDLE-OLD", true, true), item("TRADE-ONLY", false, false),
                item("KH-SCARF", true, false));
        mappings.put(InMemoryOrderMappings.SKU, SCARF, "KH-SCARF");
        products.add(SHOP, SCARF, 1);

        reconcileOnce();

        assertThat(exceptions.ofType(ExceptionType.WEB_ITEM_NOT_IN_SHOP)).extracting(ExceptionRecord::subject)
                .containsExactly(inShop1("LAMP-BRASS-DESK"));
        assertThat(exception(ExceptionType.WEB_ITEM_NOT_IN_SHOP, inShop1("LAMP-BRASS-DESK")).reason()).contains("LAMP-BRASS-DESK description");
    }

    @Test
    void aCloseoutShowingNoneWhileKhaosHasSome_isRaised_andClosesOnceItShowsStockAgain() {
        products.add(SHOP, new ShopProducts.ShopProduct("id-" + MUG, MUG, 4, true, null, 0));
        khaos(MUG, 2);
        mappings.put(InMemoryOrderMappings.BUFFER, MUG, "2");

        reconcileOnce();

        assertThat(products.stock(SHOP, MUG)).isZero();
        assertThat(exception(ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, inShop1(MUG)).reason()).contains("buffer 2");

        mappings.put(InMemoryOrderMappings.BUFFER, MUG, "0");
        reconcileOnce();

        assertThat(products.stock(SHOP, MUG)).isEqualTo(2);
        assertThat(exception(ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, inShop1(MUG)).status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void aFigureTheShopRefuses_goesToAPerson_theRestIsWritten_andItClosesOnceTheShopTakesIt() {
        products.add(SHOP, MUG, 9).add(SHOP, HAT, 9);
        khaos(MUG, 4);
        khaos(HAT, 5);
        products.refuse(HAT, "product is locked for editing");

        StockReconcileService.Report report = reconcileOnce();

        assertThat(products.writes()).containsExactly(MUG + "=4");
        assertThat(products.stock(SHOP, HAT)).isEqualTo(9);
        assertThat(report.conditions()).containsEntry(ExceptionType.STOCK_PUSH_REFUSED, 1);
        ExceptionRecord refused = exception(ExceptionType.STOCK_PUSH_REFUSED, inShop1(HAT));
        assertThat(refused.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(refused.reason()).contains("locked for editing");

        products.accept(HAT);
        reconcileOnce();

        assertThat(products.stock(SHOP, HAT)).isEqualTo(5);
        assertThat(exception(ExceptionType.STOCK_PUSH_REFUSED, inShop1(HAT)).status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void aFailedShopWriteLosesNothing_theNextReconcileWritesItAgain() {
        products.add(SHOP, MUG, 9);
        khaos(MUG, 4);
        products.failNextWrite(new IllegalStateException("shop answered 503"));

        assertThatThrownBy(this::reconcileOnce).hasMessageContaining("503");
        assertThat(products.stock(SHOP, MUG)).isEqualTo(9);
        assertThat(webStock.entry(new ShopSku(SHOP, MUG)).lastPushed()).as("what the shop shows is unknown").isNull();
        assertThat(exceptions.records).as("a passing failure is not a person's problem").isEmpty();

        assertThat(reconcileOnce().written()).isEqualTo(1);
        assertThat(products.stock(SHOP, MUG)).isEqualTo(4);
    }

    @Test
    void aFailedReadOfKhaosFigures_writesNothing_andClosesNoCondition() {
        products.add(SHOP, MUG, 9).add(SHOP, "MUG-OLD", 1);
        khaos(MUG, 4);
        reconcileOnce();
        products.edit(SHOP, MUG, 9);
        int requests = products.requests.size();
        levels.failNext(new IllegalStateException("DynamoDB: scan throttled"));

        assertThatThrownBy(this::reconcileOnce).hasMessageContaining("throttled");

        assertThat(products.requests).hasSize(requests);
        assertThat(exception(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, inShop1("MUG-OLD")).status()).isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void manyProducts_areReadPageByPage_andOnlyThoseThatDiffer_writtenInBatches() {
        for (int i = 0; i < 1050; i++) {
            String sku = String.format("SKU-%04d", i);
            products.add(SHOP, sku, i % 2 == 0 ? 5 : 9);
            khaos(sku, 5);
        }

        StockReconcileService.Report report = reconcileOnce();

        assertThat(report.products()).isEqualTo(1050);
        assertThat(report.pages()).isEqualTo(3);
        assertThat(report.differing()).isEqualTo(525);
        assertThat(report.written()).isEqualTo(525);
        assertThat(products.requests).hasSize(6).allSatisfy(r -> assertThat(r.size()).isLessThanOrEqualTo(100));
        assertThat(report.requests()).as("bulk writes plus pages read").isEqualTo(6 + 3);
        assertThat(products.writes()).allSatisfy(w -> assertThat(w).endsWith("=5"));
    }

    @Test
    void aProductWithVariants_isLeftToItsVariants() {
        products.add(SHOP, new ShopProducts.ShopProduct("id-parent", "TSHIRT-ORG-BLK", 0, false, null, 2));
        products.add(SHOP, new ShopProducts.ShopProduct("id-m", "TSHIRT-ORG-BLK-M", 0, false, "id-parent", 0));
        khaos("TSHIRT-ORG-BLK-M", 6);

        StockReconcileService.Report report = reconcileOnce();

        assertThat(report.products()).isEqualTo(1);
        assertThat(products.writes()).containsExactly("TSHIRT-ORG-BLK-M=6");
        assertThat(exceptions.records).as("the parent is no product of its own").isEmpty();
    }

    @Test
    void onlyConfirmedShopsAreReconciled() {
        products.add(SHOP, MUG, 9).add("shop2", MUG, 9);
        khaos(MUG, 4);

        reconcileOnce();

        assertThat(products.stock("shop2", MUG)).isEqualTo(9);
    }

    @Test
    void withTwoShops_aConditionOfOneShopIsNotClosedByTheOtherShopsReconcile() {
        shops.confirmed("shop2");
        products.add(SHOP, MUG, 4).add("shop2", MUG, 4).add("shop2", "LAMP-BRASS-DESK", 1);
        khaos(MUG, 4);
        khaos("LAMP-BRASS-DESK", 1);

        List<ExceptionRecord> after = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            reconcile.reconcile();
            after.add(exception(ExceptionType.WEB_ITEM_NOT_IN_SHOP, inShop1("LAMP-BRASS-DESK")));
        }

        assertThat(after).as("shop1 has no LAMP-BRASS-DESK: the condition stands after every run")
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(ExceptionStatus.OPEN));
        assertThat(exceptions.of(ExceptionType.WEB_ITEM_NOT_IN_SHOP, "shop2:LAMP-BRASS-DESK")).as("shop2 sells it").isEmpty();
    }

    @Test
    void withTwoShops_negativeStockInKhaosStandsThoughOnlyOneShopSellsTheCode() {
        shops.confirmed("shop2");
        products.add(SHOP, MUG, 3).add("shop2", HAT, 3);
        khaos(MUG, -2);
        khaos(HAT, 3);

        reconcile.reconcile();
        reconcile.reconcile();

        assertThat(exception(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, MUG).status()).as("a condition of Khaos, named by its code")
                .isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void aConditionRaisedBeforeSubjectsNamedTheShop_isClosed_andRaisedAgainNamingTheShopWhereItStillHolds() {
        products.add(SHOP, "MUG-OLD", 3).add(SHOP, MUG, 8);
        khaos(MUG, 8);
        exceptions.raise(ExceptionRecord.openForStock(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, "", "MUG-OLD", "stored before", "", NOW));
        exceptions.raise(ExceptionRecord.openForStock(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, "", "MUG-GONE", "stored before", "", NOW));

        reconcileOnce();

        assertThat(exception(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, "MUG-OLD").status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(exception(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, "MUG-GONE").status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(exception(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, inShop1("MUG-OLD")).status()).as("still holds in shop1")
                .isEqualTo(ExceptionStatus.OPEN);
        assertThat(exceptions.ofType(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS)).filteredOn(r -> r.status() == ExceptionStatus.OPEN)
                .extracting(ExceptionRecord::subject).containsExactly(inShop1("MUG-OLD"));
    }
}
