package com.shopkhaos.model.stock;

import com.shopkhaos.model.HandClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.app.RegistrationStatus;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.khaos.CatalogueChange;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ordersync.OrderMappings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Pushes run side by side (the stock-changes consumer takes messages concurrently), so their reads, claims and shop
 * writes interleave. Whatever the interleaving, the shop must end with the figure of the newest inputs: a figure
 * worked out from older inputs never lands after a newer one for good, and a push that fails never leaves a record
 * that makes its retry skip the write. The stores are the in-memory ports, atomic per entry as DynamoDB is.
 */
class StockPushServiceTest {
    private static final String SHOP = "shop1";
    private static final String CODE = "MUG-BLUE";
    private final HandClock clock = new HandClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final Map<String, Integer> shopStock = Collections.synchronizedMap(new HashMap<>());
    /** Every stock write the shop applied, in order (sku=stock). */
    private final List<String> shopWrites = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger loseNextAnswers = new AtomicInteger();
    private volatile Consumer<List<ShopProducts.StockWrite>> beforeWrite = w -> { };
    private volatile Consumer<List<ShopProducts.StockWrite>> afterWrite = w -> { };
    private volatile Runnable onLevelsRead = () -> { };
    private volatile Runnable onPageRead = () -> { };
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, BigDecimal> khaosAvailable = Collections.synchronizedMap(new HashMap<>());
    private final List<ExceptionRecord> raised = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryStockVersions versions = new InMemoryStockVersions();
    private final InMemoryWebStock webStock = new InMemoryWebStock();

    private final ShopProducts products = new ShopProducts() {
        @Override
        public List<ShopProduct> bySku(String shopId, Collection<String> skus) {
            return skus.stream().filter(shopStock::containsKey).map(s -> new ShopProduct("id-" + s, s, shopStock.get(s), false, null, 0))
                    .toList();
        }

        @Override
        public List<ShopProduct> page(String shopId, int page, int size) {
            List<ShopProduct> all = shopStock.keySet().stream().sorted()
                    .map(s -> new ShopProduct("id-" + s, s, shopStock.get(s), false, null, 0)).toList();
            onPageRead.run();
            return page == 1 ? all : List.of();
        }

        @Override
        public void setStock(String shopId, List<StockWrite> writes) {
            requests.incrementAndGet();
            beforeWrite.accept(writes);
            writes.forEach(w -> {
                shopStock.put(w.sku(), w.stock());
                shopWrites.add(w.sku() + "=" + w.stock());
            });
            afterWrite.accept(writes);
            if (loseNextAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the connection dropped before the shop answered");
            }
        }
    };

    /** Khaos's figures; storing one bumps the code's sequence after the write, as the DynamoDB store does. */
    private final KhaosStockLevels levels = new KhaosStockLevels() {
        @Override
        public Set<String> record(List<StockLevel> l) {
            l.forEach(level -> khaosAvailable.put(level.stockCode(), level.available()));
            Set<String> codes = new TreeSet<>();
            l.forEach(level -> codes.add(level.stockCode()));
            versions.bump(codes);
            return codes;
        }

        @Override
        public List<StockLevel> levels(String stockCode) {
            BigDecimal available = khaosAvailable.get(stockCode);
            List<StockLevel> read = available == null ? List.of()
                    : List.of(new StockLevel(stockCode, "1", 1, available, clock.instant()));
            onLevelsRead.run();
            return read;
        }

        @Override
        public List<StockLevel> all() {
            List<StockLevel> read = new ArrayList<>();
            khaosAvailable.forEach((code, a) -> read.add(new StockLevel(code, "1", 1, a, clock.instant())));
            return read;
        }
    };

    private final InFlightOrders inFlight = new InFlightOrders(new InMemoryInFlightHolds(), versions);

    private final ShopRegistry shops = new ShopRegistry() {
        @Override
        public Optional<ShopRegistration> find(String shopId) {
            return Optional.of(new ShopRegistration(SHOP, "http://shop", "s", "k", "sk", RegistrationStatus.CONFIRMED, clock.instant(),
                    clock.instant()));
        }

        @Override
        public void save(ShopRegistration registration) {
        }

        @Override
        public boolean remove(String shopId) {
            return false;
        }

        @Override
        public List<String> shopIds() {
            return List.of(SHOP);
        }
    };

    private final ExceptionLedger exceptions = new ExceptionLedger() {
        @Override
        public void raise(ExceptionRecord problem) {
            raised.add(problem);
        }

        @Override
        public Optional<ExceptionRecord> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<ExceptionRecord> listOpen(int limit) {
            return List.of();
        }

        @Override
        public boolean resolve(String id, String by, Instant at) {
            return false;
        }
    };

    private final KhaosCatalogue catalogue = new KhaosCatalogue() {
        @Override
        public void apply(CatalogueChange change, Instant at) {
        }

        @Override
        public Optional<CatalogueItem> byStockId(String stockId) {
            return Optional.empty();
        }

        @Override
        public Optional<CatalogueItem> byStockCode(String stockCode) {
            return Optional.empty();
        }

        @Override
        public List<CatalogueItem> page(String afterStockId, int limit) {
            return List.of();
        }
    };

    private final StockPushService.StockSettings settings = new StockPushService.StockSettings(WebSites.parse("1"),
            new StockBufferPolicy(BufferRule.NONE, List.of()), Duration.ofMinutes(5), 100);
    private final StockPushService service = new StockPushService(shops, products, webStock, levels, inFlight, versions,
            () -> OrderMappings.Overrides.NONE, exceptions, settings, clock);
    private final StockReconcileService reconcile = new StockReconcileService(service, products, webStock, levels, inFlight,
            versions, catalogue, () -> OrderMappings.Overrides.NONE, exceptions, settings, clock);

    /** Khaos pushes a new figure for the code (stored, sequence bumped). */
    private void khaos(String code, int available) {
        levels.record(List.of(new StockLevel(code, "1", 1, new BigDecimal(available), clock.instant())));
    }

    private WebStock.Entry record() {
        return webStock.entry(new ShopSku(SHOP, CODE));
    }

    private static boolean writes(List<ShopProducts.StockWrite> writes, int stock) {
        return writes.stream().anyMatch(w -> w.sku().equals(CODE) && w.stock() == stock);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the other push never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void push_writesOnlyWhatChanged() {
        shopStock.put(CODE, 9);
        khaos(CODE, 4);

        assertThat(service.push(List.of(CODE)).written()).isEqualTo(1);
        assertThat(shopStock).containsEntry(CODE, 4);
        assertThat(service.push(List.of(CODE)).written()).isZero();
        assertThat(service.push(List.of(CODE), true).written()).as("the shop moved it itself: written again").isEqualTo(1);
    }

    /** Order 10001 holds 2; Khaos's figure that already takes them (3) lands before its status says imported. */
    private void importedAfterKhaosFigureTookIt() {
        shopStock.put(CODE, 9);
        inFlight.hold("order-1", "10001", Optional.of(Map.of()), Map.of(CODE, 2), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        khaos(CODE, 3); // Khaos's figure already takes the order's 2, and landed before its status
        clock.advance(Duration.ofSeconds(1));
        inFlight.imported("order-1", clock.instant());
    }

    @Test
    void aFigureThatCameBeforeTheImport_countsTheHoldUntilTheSettleTime_andThePushThenWritesItWhole() {
        importedAfterKhaosFigureTookIt();

        service.push(List.of(CODE));
        assertThat(shopStock).as("Khaos may not have taken the order yet: its 2 still held").containsEntry(CODE, 1);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(service.push(List.of(CODE)).written()).isEqualTo(1);
        assertThat(shopStock).as("the settle time is over: Khaos's figure alone").containsEntry(CODE, 3);
        assertThat(inFlight.holds(CODE)).as("the settled hold is forgotten").isEmpty();
    }

    /**
     * The stock fault run's "15 vs 17": a settle time runs out while a push that read the code's sequence before it, with
     * the hold still counting, is on its way. No store numbers the passing of time, so the push the channel scheduled
     * for that moment numbers it itself (bumps the sequence first), and the earlier push's figure loses its claim.
     */
    @Test
    void aPushWorkedOutBeforeASettleTimeRanOut_neverLandsAfterThePushThatTimeMade() {
        importedAfterKhaosFigureTookIt();
        service.push(List.of(CODE));
        assertThat(shopStock).containsEntry(CODE, 1);
        shopWrites.clear();
        // push A has read the sequence and the hold (still counting); then the settle time runs out and the scheduled push runs
        AtomicInteger reads = new AtomicInteger();
        onLevelsRead = () -> {
            if (reads.incrementAndGet() == 1) {
                clock.advance(Duration.ofMinutes(5).plusSeconds(1));
                service.push(List.of(CODE), false, true);
            }
        };

        service.push(List.of(CODE));

        assertThat(shopWrites).as("A's 1, worked out with the hold still counting, never reaches the shop").containsExactly(CODE + "=3");
        assertThat(shopStock).containsEntry(CODE, 3);
    }

    @Test
    void manyProducts_goInBulkRequests_ofTheBatchSize() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String code = String.format("CODE-%03d", i);
            codes.add(code);
            shopStock.put(code, 9);
            khaos(code, i % 7);
        }

        StockPushService.Report report = service.push(codes);

        assertThat(report.written()).isEqualTo(250);
        assertThat(requests.get()).isEqualTo(3);
        codes.forEach(c -> assertThat(shopStock.get(c)).isEqualTo(Integer.parseInt(c.substring(5)) % 7));
    }

    @Test
    void aFigureFromOlderInputs_isNotWritten_onceANewerOneIsClaimed() {
        shopStock.put(CODE, 9);
        khaos(CODE, 5);
        service.push(List.of(CODE));
        shopWrites.clear();
        // push A reads Khaos's 4; before it claims, Khaos says 2 and that change's push B writes 2
        khaos(CODE, 4);
        AtomicInteger reads = new AtomicInteger();
        onLevelsRead = () -> {
            if (reads.incrementAndGet() == 1) {
                khaos(CODE, 2);
                service.push(List.of(CODE));
            }
        };

        service.push(List.of(CODE));

        assertThat(shopWrites).as("A's 4, worked out from older inputs, never reaches the shop").containsExactly(CODE + "=2");
        assertThat(shopStock).containsEntry(CODE, 2);
    }

    /**
     * The interleaving the stock fault run failed on ("14 vs 11"): A's stale figure lands after B's newer one, A's
     * repair of it fails, and B's bookkeeping lands after A's. The retry of A's message must still write the shop.
     */
    @Test
    void anOlderFigure_neverLandsAfterANewerOne_forGood() throws Exception {
        shopStock.put(CODE, 9);
        khaos(CODE, 14);
        CountDownLatch aAtTheShop = new CountDownLatch(1);
        CountDownLatch bWrote = new CountDownLatch(1);
        CountDownLatch aDone = new CountDownLatch(1);
        beforeWrite = w -> {
            if (Thread.currentThread().getName().equals("push-A") && writes(w, 14)) {
                aAtTheShop.countDown();
                await(bWrote); // A's request is slow: B's 11 lands first
            } else if (Thread.currentThread().getName().equals("push-A") && writes(w, 11)) {
                throw new IllegalStateException("the shop answered 503"); // A's repair fails
            }
        };
        afterWrite = w -> {
            if (Thread.currentThread().getName().equals("push-B") && writes(w, 11)) {
                bWrote.countDown();
                await(aDone); // B's bookkeeping after its write comes last
            }
        };
        CompletableFuture<Void> a = run("push-A");
        await(aAtTheShop);
        khaos(CODE, 11); // Khaos: 3 sold elsewhere
        CompletableFuture<Void> b = run("push-B");
        assertThatThrownBy(a::join).hasMessageContaining("503");
        aDone.countDown();
        b.get(10, TimeUnit.SECONDS);
        beforeWrite = w -> { };
        afterWrite = w -> { };

        service.push(List.of(CODE)); // the queue delivers A's message again

        assertThat(shopStock).as("the shop shows the sellable figure, not 3 more").containsEntry(CODE, 11);
        assertThat(record().lastPushed()).isEqualTo(11);
        assertThat(record().writing()).isZero();
    }

    @Test
    void aWinnerWhoseWriteLandsLate_writesTheNewerClaimAgain() throws Exception {
        shopStock.put(CODE, 9);
        khaos(CODE, 14);
        CountDownLatch aAtTheShop = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        beforeWrite = w -> {
            if (Thread.currentThread().getName().equals("push-A") && writes(w, 14)) {
                aAtTheShop.countDown();
                await(bDone);
            }
        };
        CompletableFuture<Void> a = run("push-A");
        await(aAtTheShop);
        khaos(CODE, 11);
        run("push-B").get(10, TimeUnit.SECONDS);
        bDone.countDown();
        a.get(10, TimeUnit.SECONDS);

        assertThat(shopWrites).as("A's 14 landed after B's 11; A saw the newer claim and wrote 11 again")
                .containsExactly(CODE + "=11", CODE + "=14", CODE + "=11");
        assertThat(shopStock).containsEntry(CODE, 11);
        assertThat(record().lastPushed()).isEqualTo(11);
        assertThat(service.push(List.of(CODE)).written()).as("changes only, once both are done").isZero();
    }

    @Test
    void aWriteWhoseAnswerWasLost_isWrittenAgainByTheRetry() {
        shopStock.put(CODE, 9);
        khaos(CODE, 4);
        service.push(List.of(CODE));
        khaos(CODE, 6);
        loseNextAnswers.set(1);

        assertThatThrownBy(() -> service.push(List.of(CODE))).hasMessageContaining("dropped");
        assertThat(record().lastPushed()).as("unknown: the shop may or may not show it").isNull();
        shopStock.put(CODE, 5); // say someone edited it in the shop admin meanwhile

        assertThat(service.push(List.of(CODE)).written()).isEqualTo(1);
        assertThat(shopStock).containsEntry(CODE, 6);
    }

    @Test
    void theReconcile_goesThroughTheClaim_soAPushOfNewerInputsWins() {
        shopStock.put(CODE, 9);
        khaos(CODE, 5);
        // the reconcile reads the shop (9) and works out 5; meanwhile Khaos says 2 and that push writes 2
        onPageRead = () -> {
            onPageRead = () -> { };
            khaos(CODE, 2);
            service.push(List.of(CODE));
        };

        List<StockReconcileService.Report> reports = reconcile.reconcile();

        assertThat(reports.get(0).written()).as("its claim of older inputs lost").isZero();
        assertThat(shopWrites).containsExactly(CODE + "=2");
        assertThat(shopStock).containsEntry(CODE, 2);
    }

    private CompletableFuture<Void> run(String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                service.push(List.of(CODE));
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        t.start();
        return done;
    }
}
