package com.shopkhaos.benchmarks;

import com.shopkhaos.infra.shopware.JacksonWebhookReader;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.intake.IncomingWebhook;
import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.intake.WebhookIntakeService;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.intake.IntakeAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Webhook intake on a realistic 40 KB {@code checkout.order.placed} body (22 line items, made by the
 * Shopware simulator): signature check, parse and decision, with the storage ports in memory so only
 * the CPU work is measured. Target: ≤ 1 ms per webhook on one core.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WebhookIntake}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class WebhookIntakeBenchmark {
    private static final String SHOP_SECRET = "benchmark-shop-secret-" + "x".repeat(42);

    private byte[] body;
    private Optional<String> signature;
    private WebhookIntakeService intake;
    private final JacksonWebhookReader reader = new JacksonWebhookReader();

    @Setup
    public void setUp() throws IOException {
        try (InputStream in = WebhookIntakeBenchmark.class.getResourceAsStream("/webhooks/checkout.order.placed-40kb.json")) {
            body = in.readAllBytes();
        }
        signature = Optional.of(HmacSignature.sign(SHOP_SECRET, body));
        ShopRegistration shop = ShopRegistration.pending("sandboxShop00001", "http://shop", SHOP_SECRET, Instant.EPOCH)
                .confirmed("http://shop", "k", "s", Instant.EPOCH);
        intake = new WebhookIntakeService(reader, new OneShop(shop), new NoLedger(), new NoExceptions(),
                event -> { }, Clock.systemUTC());
    }

    /** The whole decision: size check, parse, shop lookup, HMAC over 40 KB, routing, answer. */
    @Benchmark
    public IntakeAnswer intake() {
        return intake.handle(body, signature);
    }

    @Benchmark
    public boolean signatureOnly() {
        return HmacSignature.verify(SHOP_SECRET, body, signature.orElseThrow());
    }

    @Benchmark
    public IncomingWebhook parseOnly() throws UnreadableMessageException {
        return reader.read(body);
    }

    private record OneShop(ShopRegistration shop) implements ShopRegistry {
        @Override
        public Optional<ShopRegistration> find(String shopId) {
            return shop.shopId().equals(shopId) ? Optional.of(shop) : Optional.empty();
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
            return List.of(shop.shopId());
        }
    }

    private static final class NoLedger implements OrderLedger {
        @Override
        public Optional<OrderLedgerEntry> find(String orderId) {
            return Optional.empty();
        }

        @Override
        public void create(OrderLedgerEntry entry) {
        }

        @Override
        public void update(OrderLedgerEntry changed) {
        }

        @Override
        public List<OrderLedgerEntry> inState(OrderState state, int limit) {
            return List.of();
        }

        @Override
        public List<OrderLedgerEntry> inStateChangedBefore(OrderState state, Instant before, int limit) {
            return List.of();
        }

        @Override
        public Optional<OrderLedgerEntry> findByOrderNumber(String orderNumber) {
            return Optional.empty();
        }
    }

    private static final class NoExceptions implements ExceptionLedger {
        @Override
        public void raise(ExceptionRecord problem) {
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
    }
}
