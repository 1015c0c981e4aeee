package com.shopkhaos.benchmarks.oversell;

import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.stock.BufferRule;
import com.shopkhaos.model.stock.InFlightHold;
import com.shopkhaos.model.stock.StockBufferPolicy;
import com.shopkhaos.model.stock.StockPosition;
import com.shopkhaos.model.stock.WebSites;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * How many units the shop sells that Khaos cannot fulfil, at peak, for our stock rules against a baseline that
 * copies Khaos's raw Available into the shop every 15 minutes. A discrete-event simulation on a virtual clock:
 * one trace of shop orders and other-channel sales (same seed, same trace for every design) is played against
 * each design's own Khaos and shop.
 *
 * <p>The shop refuses an order when a line wants more than it shows (the products are closeout, as scarce
 * stock is sold). Khaos imports an order at the first {@code OrderDownload} poll after order-sync made it ready;
 * a unit it imports without Available to cover it is oversold. Other channels (tills, marketplaces) sell
 * straight from Khaos's stock, only what it has. Our design recomputes a product's figure with the real
 * {@link StockPosition} rule (buffer, in-flight holds and their settling) whenever its in-flight holds or Khaos's
 * figures change, after the delays measured in the sandbox; the baseline pushes raw Available on a timer.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar com.shopkhaos.benchmarks.oversell.OversellSimulation}
 * (arguments {@code --skus 5000 --minutes 60 --seed 1 ...}, see {@link Scenario#parse}).
 */
public final class OversellSimulation {
    /** KCC sends its pushes one after another: one HTTP POST each, a few milliseconds apart at the least. */
    static final double PUSH_SPACING = 0.005;

    /**
     * The scenario. Delays are lognormal, set by median and p95 (seconds).
     *
     * @param orderToHold   shop order placed → order-sync holds its units (sandbox load run: webhook → READY p50 0.115 s, p95 0.35 s)
     * @param propagation   a change (Khaos figure or in-flight) → the shop shows the new figure (sandbox StockFlowIT p50 0.072 s, p95 0.111 s)
     * @param pollMinutes   Khaos asks for orders every this many minutes (KHAOS_ORDER_DOWNLOAD_MINUTES, default 5)
     */
    public record Scenario(long seed, int skus, int minutes, double shopOrdersPerSecond, double otherSalesPerSecond,
                           double zipf, double stockCover, double[] orderToHold, double[] propagation, double pollMinutes,
                           int baselineMinutes, String buffer) {
        public static Scenario defaults() {
            return new Scenario(1, 5000, 60, 3.0, 1.0, 1.0, 0.8, new double[] {0.115, 0.35}, new double[] {0.072, 0.111}, 5,
                    15, "1");
        }

        public Scenario withBuffer(String rule) {
            return new Scenario(seed, skus, minutes, shopOrdersPerSecond, otherSalesPerSecond, zipf, stockCover, orderToHold,
                    propagation, pollMinutes, baselineMinutes, rule);
        }

        public static Scenario parse(String[] args) {
            Scenario s = defaults();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String v = args[i + 1];
                s = switch (args[i]) {
                    case "--seed" -> new Scenario(Long.parseLong(v), s.skus, s.minutes, s.shopOrdersPerSecond, s.otherSalesPerSecond,
                            s.zipf, s.stockCover, s.orderToHold, s.propagation, s.pollMinutes, s.baselineMinutes, s.buffer);
                    case "--skus" -> new Scenario(s.seed, Integer.parseInt(v), s.minutes, s.shopOrdersPerSecond, s.otherSalesPerSecond,
                            s.zipf, s.stockCover, s.orderToHold, s.propagation, s.pollMinutes, s.baselineMinutes, s.buffer);
                    case "--minutes" -> new Scenario(s.seed, s.skus, Integer.parseInt(v), s.shopOrdersPerSecond, s.otherSalesPerSecond,
                            s.zipf, s.stockCover, s.orderToHold, s.propagation, s.pollMinutes, s.baselineMinutes, s.buffer);
                    case "--shop-rate" -> new Scenario(s.seed, s.skus, s.minutes, Double.parseDouble(v), s.otherSalesPerSecond,
                            s.zipf, s.stockCover, s.orderToHold, s.propagation, s.pollMinutes, s.baselineMinutes, s.buffer);
                    case "--other-rate" -> new Scenario(s.seed, s.skus, s.minutes, s.shopOrdersPerSecond, Double.parseDouble(v),
                            s.zipf, s.stockCover, s.orderToHold, s.propagation, s.pollMinutes, s.baselineMinutes, s.buffer);
                    case "--poll-minutes" -> new Scenario(s.seed, s.skus, s.minutes, s.shopOrdersPerSecond, s.otherSalesPerSecond,
                            s.zipf, s.stockCover, s.orderToHold, s.propagation, Double.parseDouble(v), s.baselineMinutes, s.buffer);
                    case "--baseline-minutes" -> new Scenario(s.seed, s.skus, s.minutes, s.shopOrdersPerSecond, s.otherSalesPerSecond,
                            s.zipf, s.stockCover, s.orderToHold, s.propagation, s.pollMinutes, Integer.parseInt(v), s.buffer);
                    case "--stock-cover" -> new Scenario(s.seed, s.skus, s.minutes, s.shopOrdersPerSecond, s.otherSalesPerSecond,
                            s.zipf, Double.parseDouble(v), s.orderToHold, s.propagation, s.pollMinutes, s.baselineMinutes, s.buffer);
                    case "--buffer" -> s.withBuffer(v);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (known: --seed --skus --minutes --shop-rate --other-rate --poll-minutes --baseline-minutes --stock-cover --buffer)");
                };
            }
            return s;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "seed %d, %d SKUs, %d min, shop %.1f orders/s, other channels %.1f sales/s, zipf %.1f, "
                            + "stock %.0f%% of expected demand, order→hold p50 %.3f p95 %.3f s, propagation p50 %.3f p95 %.3f s, "
                            + "Khaos polls every %.1f min, baseline every %d min", seed, skus, minutes, shopOrdersPerSecond,
                    otherSalesPerSecond, zipf, stockCover * 100, orderToHold[0], orderToHold[1], propagation[0], propagation[1],
                    pollMinutes, baselineMinutes);
        }
    }

    /** What a design did with the trace. */
    public record Outcome(String design, int ordersAccepted, int ordersRefused, int unitsSold, int unitsOversold,
                          int ordersOversold, int otherSalesMade, int unitsLeftInKhaos) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s accepted %6d orders (%6d units), refused %6d; oversold %5d units in %5d orders;"
                            + " other channels sold %5d; left in Khaos %6d", design, ordersAccepted, unitsSold, ordersRefused,
                    unitsOversold, ordersOversold, otherSalesMade, unitsLeftInKhaos);
        }
    }

    /** One line of a shop order. */
    record Line(int sku, int quantity) {
    }

    /** What happens, in the order it happens: shop orders and other-channel sales, with their pipeline delays. */
    record Trace(int[] initialStock, List<Order> orders, List<OtherSale> otherSales) {
    }

    record Order(int id, double at, List<Line> lines, double toHold, double propagation) {
    }

    record OtherSale(double at, int sku, int quantity, double propagation) {
    }

    public static Trace trace(Scenario s) {
        SplittableRandom random = new SplittableRandom(s.seed());
        double[] cumulative = new double[s.skus()];
        double total = 0;
        for (int i = 0; i < s.skus(); i++) {
            total += 1.0 / Math.pow(i + 1, s.zipf());
            cumulative[i] = total;
        }
        double seconds = s.minutes() * 60.0;
        double unitsPerOrder = 1.2 * 1.15;
        double demand = (s.shopOrdersPerSecond() * unitsPerOrder + s.otherSalesPerSecond()) * seconds;
        int[] stock = new int[s.skus()];
        for (int i = 0; i < s.skus(); i++) {
            double share = (cumulative[i] - (i == 0 ? 0 : cumulative[i - 1])) / total;
            int expected = (int) Math.round(demand * share * s.stockCover() * (0.5 + random.nextDouble()));
            stock[i] = Math.max(expected, 1 + random.nextInt(4)); // scarce: the long tail has a handful each
        }
        List<Order> orders = new ArrayList<>();
        double t = 0;
        while ((t += exponential(random, s.shopOrdersPerSecond())) < seconds) {
            List<Line> lines = new ArrayList<>();
            int count = random.nextDouble() < 0.8 ? 1 : 2;
            for (int l = 0; l < count; l++) {
                int sku = pick(random, cumulative, total);
                if (lines.stream().noneMatch(x -> x.sku() == sku)) {
                    lines.add(new Line(sku, random.nextDouble() < 0.85 ? 1 : 2));
                }
            }
            orders.add(new Order(orders.size(), t, lines, lognormal(random, s.orderToHold()), lognormal(random, s.propagation())));
        }
        List<OtherSale> others = new ArrayList<>();
        t = 0;
        while (s.otherSalesPerSecond() > 0 && (t += exponential(random, s.otherSalesPerSecond())) < seconds) {
            others.add(new OtherSale(t, pick(random, cumulative, total), 1, lognormal(random, s.propagation())));
        }
        return new Trace(stock, orders, others);
    }

    private static double exponential(SplittableRandom random, double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }

    private static double lognormal(SplittableRandom random, double[] medianP95) {
        double sigma = Math.log(medianP95[1] / medianP95[0]) / 1.645;
        return medianP95[0] * Math.exp(sigma * gaussian(random));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static int pick(SplittableRandom random, double[] cumulative, double total) {
        double x = random.nextDouble() * total;
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Khaos's side: physical and allocated per product; imports and other sales; counts what it cannot cover. */
    static final class Khaos {
        final int[] physical;
        final int[] allocated;
        int oversoldUnits;
        int oversoldOrders;
        int otherSales;

        Khaos(int[] initial) {
            physical = initial.clone();
            allocated = new int[initial.length];
        }

        int available(int sku) {
            return physical[sku] - allocated[sku];
        }

        void importOrder(Order order) {
            int shortBy = 0;
            for (Line line : order.lines()) {
                int cover = Math.max(0, Math.min(line.quantity(), available(line.sku())));
                shortBy += line.quantity() - cover;
                allocated[line.sku()] += line.quantity();
            }
            oversoldUnits += shortBy;
            oversoldOrders += shortBy > 0 ? 1 : 0;
        }

        boolean sellElsewhere(OtherSale sale) {
            if (available(sale.sku()) < sale.quantity()) {
                return false;
            }
            physical[sale.sku()] -= sale.quantity();
            otherSales++;
            return true;
        }

        int leftAvailable() {
            int left = 0;
            for (int i = 0; i < physical.length; i++) {
                left += Math.max(0, available(i));
            }
            return left;
        }
    }

    /** An event on the virtual clock (seconds); ties keep the order they were scheduled in. */
    private record Event(double at, long seq, Runnable action) implements Comparable<Event> {
        public int compareTo(Event o) {
            int c = Double.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class Clock {
        final PriorityQueue<Event> queue = new PriorityQueue<>();
        long seq;
        double now;

        void at(double time, Runnable action) {
            queue.add(new Event(Math.max(time, now), seq++, action));
        }

        void run() {
            Event e;
            while ((e = queue.poll()) != null) {
                now = e.at();
                e.action().run();
            }
        }
    }

    private static double nextPoll(double after, double pollSeconds) {
        return Math.ceil(after / pollSeconds) * pollSeconds + 0.001;
    }

    /** The baseline: raw Available copied into the shop every {@code baselineMinutes}; nothing else. */
    public static Outcome baseline(Scenario s, Trace trace) {
        Clock clock = new Clock();
        Khaos khaos = new Khaos(trace.initialStock());
        int[] shop = trace.initialStock().clone();
        int[] counts = new int[3];
        double pollSeconds = s.pollMinutes() * 60;
        for (double t = s.baselineMinutes() * 60.0; t < s.minutes() * 60.0 + pollSeconds * 2; t += s.baselineMinutes() * 60.0) {
            clock.at(t, () -> {
                for (int i = 0; i < shop.length; i++) {
                    shop[i] = khaos.available(i);
                }
            });
        }
        for (Order order : trace.orders()) {
            clock.at(order.at(), () -> {
                if (takeInShop(shop, order, counts)) {
                    clock.at(nextPoll(clock.now + order.toHold(), pollSeconds), () -> khaos.importOrder(order));
                }
            });
        }
        for (OtherSale sale : trace.otherSales()) {
            clock.at(sale.at(), () -> khaos.sellElsewhere(sale));
        }
        clock.run();
        return new Outcome("baseline (raw Available every " + s.baselineMinutes() + " min)", counts[0], counts[1], counts[2],
                khaos.oversoldUnits, khaos.oversoldOrders, khaos.otherSales, khaos.leftAvailable());
    }

    /**
     * Our design: Khaos's figures reach our store after the propagation delay; order-sync holds an order's units
     * after its order-to-hold delay and marks them imported when Khaos's status arrives; every such change
     * recomputes the product with {@link StockPosition} and writes the sellable figure to the shop.
     */
    public static Outcome ours(Scenario s, Trace trace) {
        Clock clock = new Clock();
        Khaos khaos = new Khaos(trace.initialStock());
        Instant epoch = Instant.parse("2026-11-27T00:00:00Z");
        WebSites sites = WebSites.parse("1");
        StockBufferPolicy buffers = new StockBufferPolicy(BufferRule.parse(s.buffer(), "--buffer"), List.of());
        Duration settle = Duration.ofMinutes(5);
        int n = trace.initialStock().length;
        StockLevel[] figures = new StockLevel[n];
        @SuppressWarnings("unchecked")
        List<InFlightHold>[] holds = new List[n];
        int[] shop = new int[n];
        for (int i = 0; i < n; i++) {
            figures[i] = new StockLevel("SKU-" + i, "", 1, BigDecimal.valueOf(khaos.available(i)), epoch);
            holds[i] = new ArrayList<>();
        }
        Runnable[] recompute = new Runnable[n];
        for (int i = 0; i < n; i++) {
            int sku = i;
            recompute[i] = () -> {
                Instant now = epoch.plusNanos((long) (clock.now * 1e9));
                StockPosition p = StockPosition.of("SKU-" + sku, List.of(figures[sku]), holds[sku], sites, buffers, null, now, settle);
                holds[sku].removeIf(h -> !StockPosition.stillCounts(h, p.figuresAt(), now, settle));
                shop[sku] = p.sellable();
            };
            recompute[i].run();
        }
        // the scheduled reconcile (STOCK_RECONCILE_MINUTES, 15): recomputes every product, so holds that settle by time count no more
        for (double t = 15 * 60.0; t < s.minutes() * 60.0 + s.pollMinutes() * 120; t += 15 * 60.0) {
            clock.at(t, () -> {
                for (Runnable r : recompute) {
                    r.run();
                }
            });
        }
        double[] kccLastDelivery = {0};
        // Khaos pushes in order: a figure never overtakes an earlier one
        BiConsumer<Integer, Double> khaosPushes = (sku, delay) -> {
            int value = khaos.available(sku);
            double arrives = Math.max(kccLastDelivery[0] + PUSH_SPACING, clock.now + delay);
            kccLastDelivery[0] = arrives;
            clock.at(arrives, () -> {
                figures[sku] = new StockLevel("SKU-" + sku, "", 1, BigDecimal.valueOf(value),
                        epoch.plusNanos((long) (clock.now * 1e9)));
                recompute[sku].run();
            });
        };
        int[] counts = new int[3];
        double pollSeconds = s.pollMinutes() * 60;
        for (Order order : trace.orders()) {
            clock.at(order.at(), () -> {
                if (!takeInShop(shop, order, counts)) {
                    return;
                }
                clock.at(clock.now + order.toHold(), () -> {
                    Instant heldAt = epoch.plusNanos((long) (clock.now * 1e9));
                    for (Line line : order.lines()) {
                        holds[line.sku()].add(new InFlightHold("SKU-" + line.sku(), "o" + order.id(), "", line.quantity(), heldAt, null));
                    }
                    clock.at(clock.now + order.propagation(), () -> order.lines().forEach(l -> recompute[l.sku()].run()));
                    clock.at(nextPoll(clock.now, pollSeconds), () -> {
                        khaos.importOrder(order);
                        // KCC sends the order's status, then the stock figures; order-sync marks the holds imported
                        double statusArrives = Math.max(kccLastDelivery[0] + PUSH_SPACING, clock.now + order.propagation() / 2);
                        kccLastDelivery[0] = statusArrives;
                        clock.at(statusArrives, () -> {
                            Instant importedAt = epoch.plusNanos((long) (clock.now * 1e9));
                            for (Line line : order.lines()) {
                                holds[line.sku()].replaceAll(h -> h.orderId().equals("o" + order.id())
                                        ? new InFlightHold(h.stockCode(), h.orderId(), "", h.quantity(), h.heldAt(), importedAt) : h);
                                recompute[line.sku()].run();
                            }
                        });
                        order.lines().forEach(l -> khaosPushes.accept(l.sku(), order.propagation()));
                    });
                });
            });
        }
        for (OtherSale sale : trace.otherSales()) {
            clock.at(sale.at(), () -> {
                if (khaos.sellElsewhere(sale)) {
                    khaosPushes.accept(sale.sku(), sale.propagation());
                }
            });
        }
        clock.run();
        return new Outcome("ours (buffer " + s.buffer() + ", in-flight)", counts[0], counts[1], counts[2], khaos.oversoldUnits,
                khaos.oversoldOrders, khaos.otherSales, khaos.leftAvailable());
    }

    /** Shopware's checkout for closeout products: every line must be covered by the shop's stock, which it then takes. */
    private static boolean takeInShop(int[] shop, Order order, int[] counts) {
        for (Line line : order.lines()) {
            if (shop[line.sku()] < line.quantity()) {
                counts[1]++;
                return false;
            }
        }
        for (Line line : order.lines()) {
            shop[line.sku()] -= line.quantity();
            counts[2] += line.quantity();
        }
        counts[0]++;
        return true;
    }

    /** Runs the baseline and our design (with the scenario's buffer and without one) on the same trace. */
    public static List<Outcome> run(Scenario s) {
        Trace trace = trace(s);
        return List.of(baseline(s, trace), ours(s.withBuffer("0"), trace), ours(s, trace));
    }

    public static void main(String[] args) {
        Scenario s = Scenario.parse(args);
        long begin = System.nanoTime();
        List<Outcome> outcomes = run(s);
        System.out.println("oversell simulation: " + s);
        outcomes.forEach(o -> System.out.println("  " + o));
        Outcome base = outcomes.get(0);
        for (Outcome o : outcomes.subList(1, outcomes.size())) {
            System.out.printf(Locale.ROOT, "  %s oversold %s of the baseline's units%n", o.design(),
                    base.unitsOversold() == 0 ? "n/a" : String.format(Locale.ROOT, "%.4f", (double) o.unitsOversold() / base.unitsOversold()));
        }
        System.out.printf(Locale.ROOT, "  (%d ms)%n", (System.nanoTime() - begin) / 1_000_000);
    }
}
