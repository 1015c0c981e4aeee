package com.shopkhaos.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.khaos.KccSalesOrderFormat;
import com.shopkhaos.infra.shopware.ShopwareOrderMapper;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.model.order.ShopOrder;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Translation and validation of one order (mixed 20%/5%/0% VAT with a cart-wide discount, as the Shopware
 * simulator answers it to the Admin API): SKU → stock code in the catalogue, the discount spread per VAT
 * rate, courier, addresses, payments, the VAT and totals checks. The catalogue is in memory, so only the CPU
 * work is measured. Target: ≤ 0.5 ms per order.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OrderTranslation}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class OrderTranslationBenchmark {
    private byte[] json;
    private ShopOrder order;
    private final Map<String, CatalogueItem> catalogue = new HashMap<>();
    private final KccSalesOrderFormat format = new KccSalesOrderFormat();
    private final OrderTranslationPolicy policy = new OrderTranslationPolicy("1", "WEB", "Web Customer", "GBP",
            OrderTranslationPolicy.parsePairs("royal_mail_tracked_48=RM48,royal_mail_tracked_24=RM24,dpd_next_day=DPDND,"
                    + "click_and_collect=COLLECT", "KHAOS_COURIERS"),
            Map.of("payment_card", "Card", "payment_paypal", "PayPal"), Set.of("payment_invoice"), Set.of("cart", "setgroup"),
            Map.of("BOOK-KNIT-GUIDE", "BK-KNIT-01"));

    @Setup
    public void setUp() throws IOException {
        try (InputStream in = OrderTranslationBenchmark.class.getResourceAsStream("/orders/mixed-vat-cart-discount.json")) {
            json = in.readAllBytes();
        }
        order = ShopwareOrderMapper.read(InfraJson.mapper().readTree(json));
        Map<String, Integer> rates = Map.of("SCARF-MER-GRY", 20, "KIDS-COAT-5Y", 0, "CAR-SEAT-INF", 5);
        int id = 7001;
        for (Map.Entry<String, Integer> e : rates.entrySet()) {
            String code = e.getValue() == 20 ? "1" : e.getValue() == 5 ? "2" : "3";
            catalogue.put(e.getKey(), new CatalogueItem(Integer.toString(id++), e.getKey(), e.getKey(), "", code,
                    Optional.of(BigDecimal.valueOf(e.getValue())), false, false, true, true, false, false, Instant.EPOCH));
        }
        OrderTranslator.Result check = OrderTranslator.translate(order, policy, code -> Optional.ofNullable(catalogue.get(code)));
        if (!check.ready()) {
            throw new IllegalStateException("the benchmark order must translate: " + check.problems());
        }
    }

    /** The rules alone: shop order → Khaos sales order, or its problems. */
    @Benchmark
    public OrderTranslator.Result translateAndValidate() {
        return OrderTranslator.translate(order, policy, code -> Optional.ofNullable(catalogue.get(code)));
    }

    /** What order-sync does per order besides I/O: Admin API JSON → shop order → rules → KCC JSON. */
    @Benchmark
    public String readTranslateWrite() throws IOException {
        JsonNode tree = InfraJson.mapper().readTree(json);
        ShopOrder read = ShopwareOrderMapper.read(tree);
        return format.write(OrderTranslator.translate(read, policy, code -> Optional.ofNullable(catalogue.get(code)))
                .salesOrder().orElseThrow());
    }
}
