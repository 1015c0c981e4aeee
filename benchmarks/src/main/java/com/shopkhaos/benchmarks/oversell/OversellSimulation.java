package com.shopkhaos.benchmarks.oversell;

import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.stock.BufferRule;
import com.shopkhaos.model.stock.HotStockRule;
import com.shopkhaos.model.stock.InFlightHold;
import com.shopkhaos.model.stock.StockBufferPolicy;
import com.shopkhaos.model.stock.StockPosition;
import com.shopkhaos.model.stock.WebSites;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * How many units the shop sells that Khaos cannot fulfil, at peak, and how many it sells that Khaos does fulfil,
 * for our stock rules (with each lever on its own) against a baseline that copies Khaos's raw Available into the
 * shop every 15 minutes. A discrete-event simulation on a virtual clock: one trace of shop orders and other-channel
 * sales (same seed, same trace for every design) is played against each design's own Khaos and shop.
 *
 * <p>Products are closeout or not, as the shop marks them. The shop refuses an order for a closeout product when
 * a line wants more than it shows; it takes any order for the others, into negative stock (Shopware's checkout).
 * Khaos imports an order at the first {@code OrderDownload} poll after order-sync made it ready; a unit it imports
 * without Available to cover it is oversold. Other channels (tills, marketplaces) sell straight from Khaos's stock,
 * only what it has. Our design recomputes a product's figure with the real {@link StockPosition} rule (buffers,
 * the {@link HotStockRule}, in-flight holds and their settling) whenever its holds or Khaos's figures change,
 * after the delays measured in the sandbox; the baseline pushes raw Available on a timer.
 *
 * <p>Every oversold unit is put down to its cause ({@link Cause}). At every moment the simulation knows the truth
 * of a product (Khaos's Available less the shop's orders Khaos has not imported) and why the shop's figure is
 * above it: each write of a figure is taken apart into what its inputs missed, and each other-channel sale adds to
 * it until a figure shows it. An order that takes more than the truth is short by the difference, shared among
 * those reasons; a shortfall Khaos finds at import beyond that was sold by another channel after the shop took the
 * order and before Khaos imported it.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar com.shopkhaos.benchmarks.oversell.OversellSimulation}
 * (arguments {@code --skus 5000 --minutes 60 --seed 1 ...}, see {@link Scenario#parse}).
 */
public final class OversellSimulation {
    /** KCC sends its pushes one after another: one HTTP POST each, a few milliseconds apart at the least. */
    static final double PUSH_SPACING = 0.005;

    /** Why a unit was oversold. */
    public enum Cause {
        ORDER_NOT_COUNTED("the figure written left out an order the shop had taken (not yet held, or no holds at all)"),
        OTHER_CHANNEL_BEFORE_FIGURE("another channel sold it before a figure showing that reached the shop"),
        HOLD_RELEASED_EARLY("an order's hold stopped counting before Khaos's figure included the order"),
        OTHER_CHANNEL_BEFORE_IMPORT("another channel sold it after the shop took the order, before Khaos's next download"),
        SOLD_PAST_ZERO("not a closeout product: the shop sold past its own figure"),
        UNEXPLAINED("none of the above (a defect of the simulation's accounting)");

        public final String description;

        Cause(String description) {
            this.description = description;
        }
    }

    /**
     * The scenario. Delays are lognormal, set by median and p95 (seconds); {@code delaySource} says which sandbox run
     * measured them.
     *
     * @param orderToHold       shop order placed → order-sync holds its units (the sandbox load run at the peak rate: webhook → READY)
     * @param propagation       a change (Khaos figure or in-flight) → the shop shows the new figure (the load run's probe)
     * @param pollMinutes       Khaos asks for orders every this many minutes, before this change (KHAOS_ORDER_DOWNLOAD_MINUTES was 5)
     * @param leverPollMinutes  the download interval of the lever's designs (our EndpointConfig's Frequency now: 1)
     * @param closeoutShare     the share of products the shop marks closeout (the rest sell into negative stock)
     * @param hot               the hot-stock rule of the lever's designs ({@link HotStockRule#parse})
     */
    public record Scenario(long seed, int skus, int minutes, double shopOrdersPerSecond, double otherSalesPerSecond,
                           double zipf, double stockCover, double[] orderToHold, double[] propagation, double pollMinutes,
                           double leverPollMinutes, int baselineMinutes, String buffer, double closeoutShare, String hot,
                           String delaySource) {
        /** Measured with LoadRunIT paced at 3 orders/s (the default shop rate), 2026-12-07: see the README's Measuring. */
        public static final String MEASURED = "LoadRunIT paced at 3/s, 180 orders, 1 stock-push worker, batches pushed together, 2026-12-07";

        public static Scenario defaults() {
            return new Scenario(1, 5000, 60, 3.0, 1.0, 1.0, 0.8, new double[] {0.116, 0.315}, new double[] {0.302, 4.158}, 5, 1,
                    15, "1", 0.75, "1,orders2,atmost5", MEASURED);
        }

        public Scenario withBuffer(String rule) {
            return with("--buffer", rule);
        }

        /** This scenario with one setting changed, as {@link #parse} reads it. */
        public Scenario with(String setting, String v) {
            long seed = this.seed;
            int skus = this.skus;
            int minutes = this.minutes;
            double shop = shopOrdersPerSecond;
            double other = otherSalesPerSecond;
            double cover = stockCover;
            double[] hold = orderToHold;
            double[] prop = propagation;
            double poll = pollMinutes;
            double leverPoll = leverPollMinutes;
            int base = baselineMinutes;
            String buf = buffer;
            double closeouts = closeoutShare;
            String hotRule = hot;
            String source = delaySource;
            switch (setting) {
                case "--seed" -> seed = Long.parseLong(v);
                case "--skus" -> skus = Integer.parseInt(v);
                case "--minutes" -> minutes = Integer.parseInt(v);
                case "--shop-rate" -> shop = Double.parseDouble(v);
                case "--other-rate" -> other = Double.parseDouble(v);
                case "--stock-cover" -> cover = Double.parseDouble(v);
                case "--poll-minutes" -> poll = Double.parseDouble(v);
                case "--lever-poll-minutes" -> leverPoll = Double.parseDouble(v);
                case "--baseline-minutes" -> base = Integer.parseInt(v);
                case "--buffer" -> buf = v;
                case "--closeout-share" -> closeouts = Double.parseDouble(v);
                case "--hot" -> hotRule = v;
                case "--order-to-hold" -> {
                    hold = medianP95(v, setting);
                    source = "given";
                }
                case "--propagation" -> {
                    prop = medianP95(v, setting);
                    source = "given";
                }
                default -> throw new IllegalArgumentException("unknown argument " + setting + " (known: --seed --skus --minutes "
                        + "--shop-rate --other-rate --stock-cover --poll-minutes --lever-poll-minutes --baseline-minutes --buffer "
                        + "--closeout-share --hot --order-to-hold p50,p95 --propagation p50,p95)");
            }
            if (skus < 1 || minutes < 1 || shop <= 0 || other < 0 || cover <= 0 || poll <= 0 || leverPoll <= 0 || base < 1
                    || closeouts < 0 || closeouts > 1) {
                throw new IllegalArgumentException(setting + " " + v + ": counts, rates, minutes and the stock cover are positive "
                        + "(the other channels' rate may be 0), the closeout share is 0 to 1");
            }
            BufferRule.parse(buf, "--buffer");
            HotStockRule.parse(hotRule, "--hot");
            return new Scenario(seed, skus, minutes, shop, other, zipf, cover, hold, prop, poll, leverPoll, base, buf, closeouts, hotRule,
                    source);
        }

        private static double[] medianP95(String v, String setting) {
            String[] parts = v.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException(setting + " is p50,p95 in seconds: was " + v);
            }
            double[] out = {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
            if (out[0] <= 0 || out[1] < out[0]) {
                throw new IllegalArgumentException(setting + " is p50,p95 in seconds, p95 at least p50: was " + v);
            }
            return out;
        }

        public static Scenario parse(String[] args) {
            Scenario s = defaults();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                s = s.with(args[i], args[i + 1]);
            }
            return s;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "seed %d, %d SKUs (%.0f%% closeout), %d min, shop %.1f orders/s, other channels %.1f "
                            + "sales/s, zipf %.1f, stock %.0f%% of expected demand, order→hold p50 %.3f p95 %.3f s, propagation p50 %.3f "
                            + "p95 %.3f s (%s), Khaos downloads every %s min (levers: %s min), baseline every %d min", seed, skus,
                    closeoutShare * 100, minutes, shopOrdersPerSecond, otherSalesPerSecond, zipf, stockCover * 100, orderToHold[0],
                    orderToHold[1], propagation[0], propagation[1], delaySource, minutesText(pollMinutes),
                    minutesText(leverPollMinutes), baselineMinutes);
        }
    }

    static String minutesText(double minutes) {
        return minutes == Math.rint(minutes) ? Integer.toString((int) minutes) : Double.toString(minutes);
    }

    /**
     * A design: the baseline ({@code rawEveryMinutes} &gt; 0), or ours with a flat buffer and a hot-stock rule; each with
     * the interval at which Khaos downloads orders.
     */
    public record Design(String name, int rawEveryMinutes, String buffer, HotStockRule hot, double pollMinutes) {
        static Design baseline(int minutes, double pollMinutes, String name) {
            return new Design(name, minutes, "0", HotStockRule.NONE, pollMinutes);
        }

        static Design ours(String name, String buffer, HotStockRule hot, double pollMinutes) {
            return new Design(name, 0, buffer, hot, pollMinutes);
        }
    }

    /**
     * What a design did with the trace. Good units are the shop's units Khaos fulfilled (sold, not oversold); other
     * channels' sales are counted apart.
     */
    public record Outcome(String design, int ordersAccepted, int ordersRefused, int refusedCoverable, int unitsSold, int unitsOversold,
                          int oversoldCloseout, int oversoldNotCloseout, int goodUnits, int unitsInWholeOrders, int otherSalesMade, int unitsLeftInKhaos,
                          Map<Cause, Integer> causes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-44s accepted %6d orders (%6d units), refused %5d; oversold %5d units (closeout "
                            + "%4d, not closeout %4d); good units %6d; other channels sold %5d; left in Khaos %6d", design,
                    ordersAccepted, unitsSold, ordersRefused, unitsOversold, oversoldCloseout, oversoldNotCloseout, goodUnits,
                    otherSalesMade, unitsLeftInKhaos);
        }
    }

    /** One line of a shop order. */
    record Line(int sku, int quantity) {
    }

    /** What happens, in the order it happens: shop orders and other-channel sales, with their pipeline delays. */
    record Trace(int[] initialStock, boolean[] closeout, List<Order> orders, List<OtherSale> otherSales) {
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
        // drawn apart from the rest, so the share of closeout products changes which, not what happens
        SplittableRandom marks = new SplittableRandom(s.seed() * 31 + 7);
        boolean[] closeout = new boolean[s.skus()];
        for (int i = 0; i < s.skus(); i++) {
            closeout[i] = marks.nextDouble() < s.closeoutShare();
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
        return new Trace(stock, closeout, orders, others);
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

    /** Khaos's side: physical and allocated per product; imports and other sales. */
    static final class Khaos {
        final int[] physical;
        final int[] allocated;
        /** Units sold by other channels and units imported, so far, per product: what a figure taken now includes. */
        final int[] otherSold;
        final int[] imported;
        int otherSales;

        Khaos(int[] initial) {
            physical = initial.clone();
            allocated = new int[initial.length];
            otherSold = new int[initial.length];
            imported = new int[initial.length];
        }

        int available(int sku) {
            return physical[sku] - allocated[sku];
        }

        /** Imports a line: the units it could not cover. */
        int importLine(Line line) {
            int cover = Math.max(0, Math.min(line.quantity(), available(line.sku())));
            allocated[line.sku()] += line.quantity();
            imported[line.sku()] += line.quantity();
            return line.quantity() - cover;
        }

        boolean sellElsewhere(OtherSale sale) {
            if (available(sale.sku()) < sale.quantity()) {
                return false;
            }
            physical[sale.sku()] -= sale.quantity();
            otherSold[sale.sku()] += sale.quantity();
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

    /**
     * The shop and the accounting of one design's run: what the shop shows, the shop's orders Khaos has not imported,
     * and why the shop's figure is above the truth, per product and cause.
     */
    static final class Shop {
        final Khaos khaos;
        final boolean[] closeout;
        final int[] shows;
        final int[] pending;
        final double[][] over;
        final double[] causes = new double[Cause.values().length];
        final Map<Long, double[]> shortAtTaking = new LinkedHashMap<>();
        int accepted;
        int refused;
        int refusedCoverable;
        int units;
        int unitsInWholeOrders;
        int oversoldCloseout;
        int oversoldNotCloseout;

        Shop(Khaos khaos, Trace trace) {
            this.khaos = khaos;
            this.closeout = trace.closeout();
            this.shows = trace.initialStock().clone();
            this.pending = new int[shows.length];
            this.over = new double[shows.length][Cause.values().length];
        }

        /** Khaos's Available less the shop's orders it has not imported: what the shop may still sell. */
        int truth(int sku) {
            return khaos.available(sku) - pending[sku];
        }

        /**
         * A figure reaches the shop; {@code reasons} are how much its inputs missed, by cause. Whatever else puts it
         * above the truth is the floor at 0 over a truth already below it: a closeout product refuses at 0, so only a
         * product sold past zero can be short by that.
         */
        void written(int sku, int value, double[] reasons) {
            shows[sku] = value;
            over[sku] = reasons.clone();
            double explained = 0;
            for (double d : reasons) {
                explained += d;
            }
            double rest = value - truth(sku) - explained;
            if (rest > 0 && value == 0) {
                over[sku][Cause.SOLD_PAST_ZERO.ordinal()] += rest;
            }
        }

        /** Another channel sold a unit: the shop's figure is one more above the truth until a figure shows it. */
        void soldElsewhere(int sku) {
            over[sku][Cause.OTHER_CHANNEL_BEFORE_FIGURE.ordinal()] += 1;
        }

        /** Shopware's checkout: a closeout product's line must be covered by what the shop shows, which it then takes. */
        boolean take(Order order) {
            for (Line line : order.lines()) {
                if (closeout[line.sku()] && shows[line.sku()] < line.quantity()) {
                    refused++;
                    if (order.lines().stream().allMatch(l -> truth(l.sku()) >= l.quantity())) {
                        refusedCoverable++;
                    }
                    return false;
                }
            }
            for (int i = 0; i < order.lines().size(); i++) {
                Line line = order.lines().get(i);
                int sku = line.sku();
                int truth = truth(sku);
                int shortBy = Math.max(0, line.quantity() - Math.max(0, truth));
                double[] share = new double[causes.length];
                if (shortBy > 0) {
                    int above = Math.max(0, shows[sku] - truth);
                    int explained = Math.min(shortBy, above);
                    double known = 0;
                    for (double d : over[sku]) {
                        known += Math.max(0, d);
                    }
                    for (int c = 0; c < causes.length; c++) {
                        share[c] = known > 0 ? explained * Math.max(0, over[sku][c]) / known : 0;
                    }
                    if (known == 0) {
                        share[Cause.UNEXPLAINED.ordinal()] += explained;
                    }
                    share[Cause.SOLD_PAST_ZERO.ordinal()] += shortBy - explained;
                }
                shortAtTaking.put(key(order, i), share);
                shows[sku] -= line.quantity();
                pending[sku] += line.quantity();
                units += line.quantity();
            }
            accepted++;
            return true;
        }

        /** Khaos imports the order: each line's shortfall, put down to its causes. */
        void imported(Order order) {
            int orderShort = 0;
            for (int i = 0; i < order.lines().size(); i++) {
                Line line = order.lines().get(i);
                int shortBy = khaos.importLine(line);
                pending[line.sku()] -= line.quantity();
                double[] share = shortAtTaking.remove(key(order, i));
                double predicted = 0;
                for (double d : share) {
                    predicted += d;
                }
                for (int c = 0; c < causes.length; c++) {
                    causes[c] += predicted > shortBy ? share[c] * shortBy / predicted : share[c];
                }
                if (shortBy > predicted) {
                    causes[Cause.OTHER_CHANNEL_BEFORE_IMPORT.ordinal()] += shortBy - predicted;
                }
                orderShort += shortBy;
                if (closeout[line.sku()]) {
                    oversoldCloseout += shortBy;
                } else {
                    oversoldNotCloseout += shortBy;
                }
            }
            if (orderShort == 0) {
                unitsInWholeOrders += order.lines().stream().mapToInt(Line::quantity).sum();
            }
        }

        private static long key(Order order, int line) {
            return order.id() * 8L + line;
        }

        Outcome outcome(String design) {
            int oversold = oversoldCloseout + oversoldNotCloseout;
            return new Outcome(design, accepted, refused, refusedCoverable, units, oversold, oversoldCloseout, oversoldNotCloseout, units - oversold, unitsInWholeOrders,
                    khaos.otherSales, khaos.leftAvailable(), whole(causes, oversold));
        }

        /** Shares in whole units that add up to {@code total} (largest remainders). */
        private static Map<Cause, Integer> whole(double[] shares, int total) {
            Map<Cause, Integer> out = new EnumMap<>(Cause.class);
            int given = 0;
            for (Cause c : Cause.values()) {
                int units = (int) Math.floor(shares[c.ordinal()] + 1e-9);
                out.put(c, units);
                given += units;
            }
            while (given < total) {
                Cause best = null;
                double bestRest = -1;
                for (Cause c : Cause.values()) {
                    double rest = shares[c.ordinal()] - out.get(c);
                    if (rest > bestRest) {
                        bestRest = rest;
                        best = c;
                    }
                }
                out.merge(best, 1, Integer::sum);
                given++;
            }
            return out;
        }
    }

    /** The baseline: raw Available copied into the shop every {@code baselineMinutes}; nothing else. */
    public static Outcome baseline(Scenario s, Trace trace) {
        return run(s, trace, Design.baseline(s.baselineMinutes(), s.pollMinutes(), "baseline"));
    }

    /** Our design with the scenario's flat buffer and no hot-stock rule (as the product runs by default with that buffer). */
    public static Outcome ours(Scenario s, Trace trace) {
        return run(s, trace, Design.ours("ours (buffer " + s.buffer() + ")", s.buffer(), HotStockRule.NONE, s.pollMinutes()));
    }

    public static Outcome run(Scenario s, Trace trace, Design design) {
        return design.rawEveryMinutes() > 0 ? runBaseline(s, trace, design) : runOurs(s, trace, design);
    }

    private static Outcome runBaseline(Scenario s, Trace trace, Design design) {
        Clock clock = new Clock();
        Khaos khaos = new Khaos(trace.initialStock());
        Shop shop = new Shop(khaos, trace);
        double pollSeconds = design.pollMinutes() * 60;
        for (double t = design.rawEveryMinutes() * 60.0; t < s.minutes() * 60.0 + pollSeconds * 2; t += design.rawEveryMinutes() * 60.0) {
            clock.at(t, () -> {
                for (int i = 0; i < shop.shows.length; i++) {
                    double[] reasons = new double[Cause.values().length];
                    reasons[Cause.ORDER_NOT_COUNTED.ordinal()] = shop.pending[i];
                    shop.written(i, khaos.available(i), reasons);
                }
            });
        }
        for (Order order : trace.orders()) {
            clock.at(order.at(), () -> {
                if (shop.take(order)) {
                    clock.at(nextPoll(clock.now + order.toHold(), pollSeconds), () -> shop.imported(order));
                }
            });
        }
        for (OtherSale sale : trace.otherSales()) {
            clock.at(sale.at(), () -> {
                if (khaos.sellElsewhere(sale)) {
                    shop.soldElsewhere(sale.sku());
                }
            });
        }
        clock.run();
        return shop.outcome(design.name());
    }

    /**
     * Our design: Khaos's figures reach our store after the propagation delay; order-sync holds an order's units
     * after its order-to-hold delay and marks them imported when Khaos's status arrives; every such change
     * recomputes the product with {@link StockPosition} and writes the sellable figure to the shop.
     */
    private static Outcome runOurs(Scenario s, Trace trace, Design design) {
        Clock clock = new Clock();
        Khaos khaos = new Khaos(trace.initialStock());
        Shop shop = new Shop(khaos, trace);
        Instant epoch = Instant.parse("2026-11-27T00:00:00Z");
        WebSites sites = WebSites.parse("1");
        StockBufferPolicy buffers = new StockBufferPolicy(BufferRule.parse(design.buffer(), "--buffer"), List.of(), design.hot());
        Duration settle = Duration.ofMinutes(5);
        int n = trace.initialStock().length;
        StockLevel[] figures = new StockLevel[n];
        // what the figure we hold includes: Khaos's other-channel sales and imports up to when it was taken
        int[] figureOtherSold = new int[n];
        int[] figureImported = new int[n];
        int[] unheld = new int[n];
        @SuppressWarnings("unchecked")
        List<InFlightHold>[] holds = new List[n];
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
                int importedCounted = holds[sku].stream().filter(h -> h.importedAt() != null
                        && StockPosition.stillCounts(h, p.figuresAt(), now, settle)).mapToInt(InFlightHold::quantity).sum();
                holds[sku].removeIf(h -> !StockPosition.stillCounts(h, p.figuresAt(), now, settle));
                double[] reasons = new double[Cause.values().length];
                reasons[Cause.OTHER_CHANNEL_BEFORE_FIGURE.ordinal()] = khaos.otherSold[sku] - figureOtherSold[sku];
                reasons[Cause.ORDER_NOT_COUNTED.ordinal()] = unheld[sku];
                reasons[Cause.HOLD_RELEASED_EARLY.ordinal()] = khaos.imported[sku] - figureImported[sku] - importedCounted;
                shop.written(sku, p.sellable(), reasons);
            };
            recompute[i].run();
        }
        // the scheduled reconcile (STOCK_RECONCILE_MINUTES, 15): recomputes every product, so holds that settle by time count no more
        for (double t = 15 * 60.0; t < s.minutes() * 60.0 + design.pollMinutes() * 120; t += 15 * 60.0) {
            clock.at(t, () -> {
                for (Runnable r : recompute) {
                    r.run();
                }
            });
        }
        double[] kccLastDelivery = {0};
        // Khaos pushes in order: a figure never overtakes an earlier one
        java.util.function.BiConsumer<Integer, Double> khaosPushes = (sku, delay) -> {
            int value = khaos.available(sku);
            int otherSold = khaos.otherSold[sku];
            int imported = khaos.imported[sku];
            double arrives = Math.max(kccLastDelivery[0] + PUSH_SPACING, clock.now + delay);
            kccLastDelivery[0] = arrives;
            clock.at(arrives, () -> {
                figures[sku] = new StockLevel("SKU-" + sku, "", 1, BigDecimal.valueOf(value), epoch.plusNanos((long) (clock.now * 1e9)));
                figureOtherSold[sku] = otherSold;
                figureImported[sku] = imported;
                recompute[sku].run();
            });
        };
        double pollSeconds = design.pollMinutes() * 60;
        for (Order order : trace.orders()) {
            clock.at(order.at(), () -> {
                if (!shop.take(order)) {
                    return;
                }
                order.lines().forEach(l -> unheld[l.sku()] += l.quantity());
                clock.at(clock.now + order.toHold(), () -> {
                    Instant heldAt = epoch.plusNanos((long) (clock.now * 1e9));
                    for (Line line : order.lines()) {
                        holds[line.sku()].add(new InFlightHold("SKU-" + line.sku(), "o" + order.id(), "", line.quantity(), heldAt, null));
                        unheld[line.sku()] -= line.quantity();
                    }
                    clock.at(clock.now + order.propagation(), () -> order.lines().forEach(l -> recompute[l.sku()].run()));
                    clock.at(nextPoll(clock.now, pollSeconds), () -> {
                        shop.imported(order);
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
                    shop.soldElsewhere(sale.sku());
                    khaosPushes.accept(sale.sku(), sale.propagation());
                }
            });
        }
        clock.run();
        return shop.outcome(design.name());
    }

    /**
     * The designs compared, on the same trace: the baseline; ours as it was before the levers; a flat buffer; lever A
     * (Khaos downloads every {@code leverPollMinutes}: our EndpointConfig's Frequency, the product's default now); lever
     * B (the {@link HotStockRule}, {@code STOCK_HOT_BUFFER}, off by default) on its own and with A; and, for reference,
     * the baseline with lever A's download interval.
     */
    public static List<Design> designs(Scenario s) {
        HotStockRule hot = HotStockRule.parse(s.hot(), "--hot");
        String poll = minutesText(s.pollMinutes());
        String fast = minutesText(s.leverPollMinutes());
        return List.of(
                Design.baseline(s.baselineMinutes(), s.pollMinutes(), "baseline: raw Available every " + s.baselineMinutes() + " min"),
                Design.ours("ours before: buffer 0, download " + poll + " min", "0", HotStockRule.NONE, s.pollMinutes()),
                Design.ours("ours before + flat buffer " + s.buffer(), s.buffer(), HotStockRule.NONE, s.pollMinutes()),
                Design.ours("ours now = lever A: download every " + fast + " min", "0", HotStockRule.NONE, s.leverPollMinutes()),
                Design.ours("lever B alone: hot-stock " + hot, "0", hot, s.pollMinutes()),
                Design.ours("ours now + lever B", "0", hot, s.leverPollMinutes()),
                Design.baseline(s.baselineMinutes(), s.leverPollMinutes(), "(reference) baseline, download " + fast + " min"));
    }

    /** Where each design sits in {@link #designs}. */
    public static final int BASELINE = 0;
    public static final int BEFORE = 1;
    public static final int FLAT_BUFFER = 2;
    public static final int NOW = 3;
    public static final int HOT_ALONE = 4;
    public static final int NOW_WITH_HOT = 5;
    public static final int BASELINE_FAST_DOWNLOAD = 6;

    /** Runs every design on the same trace. */
    public static List<Outcome> run(Scenario s) {
        Trace trace = trace(s);
        return designs(s).stream().map(d -> run(s, trace, d)).toList();
    }

    /** How many times fewer than the baseline's: "all" when none. */
    static String fewer(int base, int units) {
        return units == 0 ? (base == 0 ? "-" : "none") : String.format(Locale.ROOT, "%.1f×", (double) base / units);
    }

    /** The table: per design, what it sold and oversold, against the baseline, and the oversold units per cause. */
    public static String table(Scenario s, List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder("oversell simulation: " + s + "\n");
        Outcome base = outcomes.get(0);
        out.append(String.format(Locale.ROOT, "  %-44s %7s %7s %9s | %-16s %-16s %-16s | %-16s %-16s%n", "design", "units", "refused",
                "coverable", "oversold closeout", "not closeout", "all products", "good units", "in whole orders"));
        for (Outcome o : outcomes) {
            out.append(String.format(Locale.ROOT, "  %-44s %7d %7d %9d | %5d %-10s %5d %-10s %5d %-10s | %6d %+7.2f%%  %6d %+7.2f%%%n",
                    o.design(), o.unitsSold(), o.ordersRefused(), o.refusedCoverable(),
                    o.oversoldCloseout(), "(" + fewer(base.oversoldCloseout(), o.oversoldCloseout()) + ")",
                    o.oversoldNotCloseout(), "(" + fewer(base.oversoldNotCloseout(), o.oversoldNotCloseout()) + ")",
                    o.unitsOversold(), "(" + fewer(base.unitsOversold(), o.unitsOversold()) + ")",
                    o.goodUnits(), 100.0 * (o.goodUnits() - base.goodUnits()) / base.goodUnits(), o.unitsInWholeOrders(),
                    100.0 * (o.unitsInWholeOrders() - base.unitsInWholeOrders()) / base.unitsInWholeOrders()));
        }
        out.append("  (units: the shop's units sold; refused: orders; coverable: refused orders Khaos could have covered; good units: "
                + "sold and fulfilled; in whole orders: units of orders with nothing oversold)\n");
        out.append("  oversold units by cause, one column per design above:\n");
        for (Cause c : Cause.values()) {
            if (outcomes.stream().allMatch(o -> o.causes().get(c) == 0)) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "    %-28s", c.name().toLowerCase(Locale.ROOT)));
            for (Outcome o : outcomes) {
                out.append(String.format(Locale.ROOT, " %6d", o.causes().get(c)));
            }
            out.append("   ").append(c.description).append('\n');
        }
        out.append("  other channels sold:          ");
        outcomes.forEach(o -> out.append(String.format(Locale.ROOT, " %6d", o.otherSalesMade())));
        out.append("\n");
        return out.toString();
    }

    public static void main(String[] args) {
        Scenario s = Scenario.parse(args);
        long begin = System.nanoTime();
        List<Outcome> outcomes = run(s);
        System.out.print(table(s, outcomes));
        System.out.printf(Locale.ROOT, "  (%d ms)%n", (System.nanoTime() - begin) / 1_000_000);
    }
}
