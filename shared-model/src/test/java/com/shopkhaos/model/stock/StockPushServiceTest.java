package com.shopkhaos.model.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.app.RegistrationStatus;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.ordersync.OrderMappings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a push leaves behind when the shop fails it or Khaos's figures keep moving under it. Pushes run side by side,
 * so the record of the last figure written can disagree with the shop (one push's write lands last, another's record
 * does); a push that does not finish must not leave a record that makes its retry skip the write.
 */
class StockPushServiceTest {
    private static final String SHOP = "shop1";
    private static final String CODE = "MUG-BLUE";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private final Map<String, Integer> shopStock = new HashMap<>();
    private final AtomicInteger failNextWrites = new AtomicInteger();
    private Runnable onWrite = () -> { };
    private final Map<String, WebStock.Entry> records = new HashMap<>();
    private final Map<String, BigDecimal> khaosAvailable = new HashMap<>();
    private final List<ExceptionRecord> raised = new ArrayList<>();

    private final ShopProducts products = new ShopProducts() {
        @Override
        public List<ShopProduct> bySku(String shopId, Collection<String> skus) {
            return skus.stream().filter(shopStock::containsKey).map(s -> new ShopProduct("id-" + s, s, shopStock.get(s), false, null, 0))
                    .toList();
        }

        @Override
        public List<ShopProduct> page(String shopId, int page, int size) {
            return List.of();
        }

        @Override
        public void setStock(String shopId, List<StockWrite> writes) {
            if (failNextWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the shop answered 503");
            }
            writes.forEach(w -> shopStock.put(w.sku(), w.stock()));
            onWrite.run();
        }
    };

    private final WebStock webStock = new WebStock() {
        @Override
        public Map<String, Entry> find(Collection<String> skus) {
            Map<String, Entry> found = new HashMap<>();
            skus.stream().filter(records::containsKey).forEach(s -> found.put(s, records.get(s)));
            return found;
        }

        @Override
        public void remember(Entry entry) {
            records.put(entry.sku(), entry);
        }

        @Override
        public void forget(String sku) {
            records.remove(sku);
        }
    };

    private final KhaosStockLevels levels = new KhaosStockLevels() {
        @Override
        public Set<String> record(List<StockLevel> l) {
            return Set.of();
        }

        @Override
        public List<StockLevel> levels(String stockCode) {
            BigDecimal available = khaosAvailable.get(stockCode);
            return available == null ? List.of() : List.of(new StockLevel(stockCode, "1", 1, available, clock.instant()));
        }

        @Override
        public List<StockLevel> all() {
            return List.of();
        }
    };

    private final InFlightOrders inFlight = new InFlightOrders() {
        @Override
        public Set<String> hold(String orderId, String orderNumber, Map<String, Integer> quantityByStockCode, Instant at) {
            return Set.of();
        }

        @Override
        public Set<String> release(String orderId) {
            return Set.of();
        }

        @Override
        public Set<String> imported(String orderId, Instant at) {
            return Set.of();
        }

        @Override
        public void forget(String stockCode, String orderId) {
        }

        @Override
        public List<InFlightHold> holds(String stockCode) {
            return List.of();
        }

        @Override
        public List<InFlightHold> all() {
            return List.of();
        }
    };

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

    private final StockPushService service = new StockPushService(shops, products, webStock, levels, inFlight,
            () -> OrderMappings.Overrides.NONE, exceptions,
            new StockPushService.StockSettings(WebSites.parse("1"), new StockBufferPolicy(BufferRule.NONE, List.of()),
                    Duration.ofMinutes(5), 100), clock);

    private Integer recorded() {
        return records.get(SHOP + "#" + CODE).lastPushed();
    }

    @Test
    void push_writesOnlyWhatChanged() {
        shopStock.put(CODE, 9);
        khaosAvailable.put(CODE, new BigDecimal("4"));

        assertThat(service.push(List.of(CODE)).written()).isEqualTo(1);
        assertThat(shopStock).containsEntry(CODE, 4);
        assertThat(service.push(List.of(CODE)).written()).isZero();
    }

    @Test
    void aFailedPush_leavesTheFigureWrittenUnknown_soItsRetryWritesEvenWhenTheRecordAgrees() {
        // The record says 2 was written, the shop shows 4: a push beside this one wrote 2 and recorded it after a
        // stale 4 of ours had landed. Our reread rewrites 2, and the shop fails that request.
        shopStock.put(CODE, 9);
        khaosAvailable.put(CODE, new BigDecimal("2"));
        service.push(List.of(CODE));
        shopStock.put(CODE, 4);
        failNextWrites.set(1);

        assertThatThrownBy(() -> service.push(List.of(CODE), true)).hasMessageContaining("503");
        assertThat(recorded()).as("what the shop shows is not known after a failed push").isNull();

        service.push(List.of(CODE));
        assertThat(shopStock).as("the retry writes the sellable figure though it equals the last one recorded").containsEntry(CODE, 2);
        assertThat(recorded()).isEqualTo(2);
    }

    @Test
    void figuresMovingUnderAPush_areWrittenAgain_untilTheyHoldStill() {
        shopStock.put(CODE, 9);
        khaosAvailable.put(CODE, new BigDecimal("7"));
        AtomicInteger moves = new AtomicInteger(2);
        onWrite = () -> {
            if (moves.getAndDecrement() > 0) {
                khaosAvailable.put(CODE, khaosAvailable.get(CODE).subtract(BigDecimal.ONE)); // another channel sells one
            }
        };

        StockPushService.Report report = service.push(List.of(CODE));

        assertThat(report.written()).isEqualTo(3);
        assertThat(shopStock).containsEntry(CODE, 5);
        assertThat(recorded()).isEqualTo(5);
    }

    @Test
    void figuresThatNeverHoldStill_goBackToTheQueue_withTheFigureWrittenUnknown() {
        shopStock.put(CODE, 50);
        khaosAvailable.put(CODE, new BigDecimal("40"));
        onWrite = () -> khaosAvailable.put(CODE, khaosAvailable.get(CODE).subtract(BigDecimal.ONE));

        assertThatThrownBy(() -> service.push(List.of(CODE))).isInstanceOf(StockPushService.StockStillMovingException.class)
                .hasMessageContaining(CODE);
        assertThat(recorded()).isNull();

        onWrite = () -> { };
        service.push(List.of(CODE));
        assertThat(shopStock.get(CODE)).isEqualTo(khaosAvailable.get(CODE).intValue());
    }
}
