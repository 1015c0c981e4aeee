package com.shopkhaos.model.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.HandClock;
import com.shopkhaos.model.app.InMemoryShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.InMemoryKhaosCatalogue;
import com.shopkhaos.model.khaos.InMemoryKhaosStockLevels;
import com.shopkhaos.model.khaos.ItemListing;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.khaos.TaxRateTable;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.ordersync.InMemoryOrderMappings;
import com.shopkhaos.model.stock.InMemoryStockVersions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit as a use case: asked for, carried out elsewhere, kept whole; new blocking gaps become exceptions, fixed ones resolve. */
class CatalogueAuditsTest {
    private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");
    private final HandClock clock = new HandClock(AT);
    private final InMemoryShopRegistry shops = new InMemoryShopRegistry().confirmed("shop-1");
    private final InMemoryShopCatalogueSource shop = new InMemoryShopCatalogueSource();
    private final InMemoryKhaosCatalogue catalogue = new InMemoryKhaosCatalogue();
    private final InMemoryKhaosStockLevels stock = new InMemoryKhaosStockLevels(new InMemoryStockVersions());
    private final InMemoryOrderMappings mappings = new InMemoryOrderMappings();
    private final InMemoryAuditRuns runs = new InMemoryAuditRuns();
    private final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    private final List<String> launched = new ArrayList<>();
    private RuntimeException launchFailure;
    private final CatalogueAudits audits = new CatalogueAudits(shops, shop, catalogue, stock, mappings,
            new OrderTranslationPolicy("1", "WEB", "Web Customer", "GBP", Map.of("royal_mail_tracked_48", "RM48"),
                    Map.of(), Set.of(), Set.of("cart"), Map.of()),
            TaxRateTable.parse("1=20"), CatalogueAudit.Settings.DEFAULT, runs, exceptions, clock);
    private final AuditRequests requests = new AuditRequests(runs, id -> {
        if (launchFailure != null) {
            throw launchFailure;
        }
        launched.add(id);
    }, clock);

    private static CatalogueItem item(String code, boolean runToZero) {
        return new CatalogueItem("id-" + code, code, code, "", "1", Optional.of(new BigDecimal("20")), false, runToZero, true, true,
                false, false, AT, Optional.of(new ItemListing(Optional.of(BigDecimal.TEN), Optional.empty(), Optional.empty(), List.of())));
    }

    private static ShopCatalogue.Product product(String sku) {
        return new ShopCatalogue.Product("p-" + sku, "", sku, "Product " + sku, true, false, Optional.of(new BigDecimal("10.00")),
                Optional.of(new BigDecimal("20")), "");
    }

    private void shopSells(String... skus) {
        shop.with(new ShopCatalogue(java.util.Arrays.stream(skus).map(CatalogueAuditsTest::product).toList(),
                List.of(new ShopCatalogue.Method("royal_mail_tracked_48", "Standard", true)), List.of(),
                List.of(new BigDecimal("20")), List.of("GBP"), List.of(), AT));
    }

    @Test
    void asking_for_a_run_answers_at_once_with_it_running_and_starts_it_elsewhere() {
        AuditRun run = requests.request(AuditTrigger.PERSON, "ops@example.co.uk");

        assertThat(run.status()).isEqualTo(AuditStatus.RUNNING);
        assertThat(launched).containsExactly(run.id());
        assertThat(shop.reads()).isEmpty();
        assertThat(requests.latest()).contains(run);
    }

    @Test
    void a_run_that_cannot_be_started_is_kept_failed_with_the_reason() {
        launchFailure = new IllegalStateException("throttled");

        AuditRun run = requests.request(AuditTrigger.PERSON, "ops");

        assertThat(run.status()).isEqualTo(AuditStatus.FAILED);
        assertThat(requests.find(run.id()).orElseThrow().failure()).contains("could not be started: throttled");
    }

    @Test
    void a_carried_out_run_keeps_its_findings_and_what_it_read() {
        catalogue.add(item("SCARF", false));
        shopSells("SCARF", "UMBRELLA");
        AuditRun run = requests.request(AuditTrigger.PERSON, "ops");

        AuditRun done = audits.carryOut(run.id());

        assertThat(done.status()).isEqualTo(AuditStatus.FINISHED);
        assertThat(done.shopId()).isEqualTo("shop-1");
        assertThat(done.shopProducts()).isEqualTo(2);
        assertThat(done.khaosItems()).isEqualTo(1);
        assertThat(done.findings()).extracting(AuditFinding::kind, AuditFinding::subject)
                .containsExactly(org.assertj.core.api.Assertions.tuple(FindingKind.SKU_NOT_IN_KHAOS, "UMBRELLA"));
        assertThat(shop.reads()).containsExactly("shop-1 GBP");
        assertThat(runs.find(run.id())).contains(done);
    }

    @Test
    void a_run_delivered_twice_is_carried_out_once() {
        shopSells();
        AuditRun run = requests.request(AuditTrigger.PERSON, "ops");
        audits.carryOut(run.id());

        audits.carryOut(run.id());

        assertThat(shop.reads()).hasSize(1);
    }

    @Test
    void a_run_that_fails_is_kept_failed_with_the_reason_and_the_failure_is_thrown_for_the_alarm() {
        shop.failNext(new IllegalStateException("the shop answered 503"));
        AuditRun run = requests.request(AuditTrigger.PERSON, "ops");

        assertThatThrownBy(() -> audits.carryOut(run.id())).hasMessageContaining("503");

        assertThat(requests.find(run.id()).orElseThrow().status()).isEqualTo(AuditStatus.FAILED);
        assertThat(requests.find(run.id()).orElseThrow().failure()).contains("503");
    }

    @Test
    void without_a_shop_a_run_fails_saying_so_without_raising_the_functions_alarm() {
        shops.remove("shop-1");
        AuditRun run = requests.request(AuditTrigger.PERSON, "ops");

        assertThat(audits.carryOut(run.id()).status()).isEqualTo(AuditStatus.FAILED);
        assertThat(requests.find(run.id()).orElseThrow().failure()).contains("no shop has installed the app");
    }

    @Test
    void a_run_still_running_after_any_function_could_be_is_shown_failed() {
        AuditRun run = requests.request(AuditTrigger.PERSON, "ops");

        clock.advance(Duration.ofMinutes(21));

        assertThat(requests.find(run.id()).orElseThrow().status()).isEqualTo(AuditStatus.FAILED);
        assertThat(requests.find(run.id()).orElseThrow().failure()).contains("did not finish");
    }

    @Test
    void a_new_blocking_finding_is_raised_once_and_resolves_when_a_later_run_no_longer_finds_it() {
        catalogue.add(item("SCARF", false));
        shopSells("SCARF", "UMBRELLA");
        audits.runNow(AuditTrigger.SCHEDULE, "schedule");
        String id = ExceptionRecord.idFor(ExceptionType.CATALOGUE_GAP, "audit-sku-not-in-khaos UMBRELLA");
        assertThat(exceptions.find(id).orElseThrow().reason()).contains("UMBRELLA").contains("map the SKU");

        clock.advance(Duration.ofDays(7));
        audits.runNow(AuditTrigger.SCHEDULE, "schedule");
        assertThat(exceptions.raised).hasSize(1);

        catalogue.add(item("UMBRELLA", false));
        clock.advance(Duration.ofDays(7));
        audits.runNow(AuditTrigger.SCHEDULE, "schedule");
        assertThat(exceptions.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(exceptions.find(id).orElseThrow().resolvedBy()).startsWith("audit");
    }

    @Test
    void a_gap_a_person_resolved_is_not_raised_again_while_it_stays_found() {
        shopSells("UMBRELLA");
        audits.runNow(AuditTrigger.SCHEDULE, "schedule");
        String id = ExceptionRecord.idFor(ExceptionType.CATALOGUE_GAP, "audit-sku-not-in-khaos UMBRELLA");
        exceptions.resolve(id, "ops", clock.instant());

        clock.advance(Duration.ofDays(7));
        audits.runNow(AuditTrigger.SCHEDULE, "schedule");

        assertThat(exceptions.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void findings_that_hold_no_order_raise_no_exception() {
        CatalogueItem dear = new CatalogueItem("id-SCARF", "SCARF", "SCARF", "", "1", Optional.of(new BigDecimal("20")), false, false,
                true, true, false, false, AT, Optional.of(new ItemListing(Optional.of(new BigDecimal("12.00")), Optional.empty(),
                Optional.empty(), List.of())));
        catalogue.add(dear);
        shopSells("SCARF");

        AuditRun done = audits.runNow(AuditTrigger.CONSULTANT, "consultant");

        assertThat(done.findings()).extracting(AuditFinding::kind).containsExactly(FindingKind.PRICE_DIFFERS);
        assertThat(exceptions.raised).isEmpty();
    }

    @Test
    void run_to_zero_stock_is_read_at_the_orders_site() {
        catalogue.add(item("MUG", true));
        stock.record(List.of(new StockLevel("MUG", "id-MUG", 1, BigDecimal.ZERO, AT), new StockLevel("MUG", "id-MUG", 2, BigDecimal.TEN, AT)));
        shopSells("MUG");

        AuditRun done = audits.runNow(AuditTrigger.PERSON, "ops");

        assertThat(done.findings()).extracting(AuditFinding::kind).containsExactly(FindingKind.RUN_TO_ZERO_AT_ZERO);
    }

    @Test
    void manyNewGapsOfOneKind_areOneProblemNamingHowMany_whichResolvesWhenNoneIsLeft() {
        String[] skus = new String[CatalogueAudits.GAPS_ONE_BY_ONE + 5];
        for (int i = 0; i < skus.length; i++) {
            skus[i] = "NEW-" + i;
        }
        shopSells(skus);

        audits.runNow(AuditTrigger.CONSULTANT, "consultant");

        String many = ExceptionRecord.idFor(ExceptionType.CATALOGUE_GAP, "audit-sku-not-in-khaos (many)");
        assertThat(exceptions.raised).extracting(ExceptionRecord::id).containsExactly(many);
        assertThat(exceptions.find(many).orElseThrow().reason()).contains(skus.length + " new");
        shopSells();
        clock.advance(Duration.ofDays(7));
        audits.runNow(AuditTrigger.CONSULTANT, "consultant");
        assertThat(exceptions.find(many).orElseThrow().status()).isEqualTo(ExceptionStatus.RESOLVED);
    }

    @Test
    void theScheduleDeliveredTwice_isOneRun_carriedOutOnce() {
        shopSells();

        AuditRun first = audits.runScheduled("2026-12-07T06:00:00Z");
        AuditRun again = audits.runScheduled("2026-12-07T06:00:00Z");

        assertThat(again.id()).isEqualTo(first.id()).isEqualTo("audit-scheduled-20261207T060000Z");
        assertThat(shop.reads()).hasSize(1);
    }

    @Test
    void aShopThatNeverFinishedInstallingTheApp_isNotAudited() {
        shops.remove("shop-1");
        shops.pending("shop-0");
        shops.confirmed("shop-2");
        shopSells();

        assertThat(audits.runNow(AuditTrigger.PERSON, "ops").shopId()).isEqualTo("shop-2");
    }

    @Test
    void aGapThatHoldsOrders_thoughItIsAboutMoney_isRaisedToo() {
        catalogue.add(new CatalogueItem("id-BOOK", "BOOK", "Book", "", "1", Optional.of(new BigDecimal("20")), false, false, true, true,
                false, false, AT, Optional.of(new ItemListing(Optional.of(BigDecimal.TEN), Optional.empty(), Optional.empty(), List.of()))));
        shop.with(new ShopCatalogue(List.of(new ShopCatalogue.Product("p-BOOK", "", "BOOK", "Book", true, false,
                Optional.of(new BigDecimal("10.00")), Optional.of(BigDecimal.ZERO), "")), List.of(), List.of(), List.of(BigDecimal.ZERO),
                List.of("GBP"), List.of(), AT));

        audits.runNow(AuditTrigger.PERSON, "ops");

        assertThat(exceptions.raised).extracting(ExceptionRecord::id)
                .contains(ExceptionRecord.idFor(ExceptionType.CATALOGUE_GAP, "audit-tax-rate-differs BOOK"));
    }

    @Test
    void asking_while_a_run_is_under_way_is_refused_naming_it_until_it_finishes_or_is_given_up() {
        AuditRun running = requests.request(AuditTrigger.PERSON, "ops");

        assertThatThrownBy(() -> requests.request(AuditTrigger.PERSON, "someone else"))
                .isInstanceOf(AuditRequests.AuditAlreadyRunningException.class).hasMessageContaining(running.id());

        clock.advance(Duration.ofMinutes(21));
        assertThat(requests.request(AuditTrigger.PERSON, "someone else").status()).isEqualTo(AuditStatus.RUNNING);
    }
}
