package com.shopkhaos.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.shopware.OrderRequest;
import com.shopkhaos.simulators.shopware.ShopwareSimulator;
import com.shopkhaos.simulators.shopware.SimulatorException;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The demo switch: places orders in the simulated shop at a steady rate ({@code SANDBOX_DEMO_ORDERS_PER_MINUTE}). */
@Singleton
public class DemoOrders {
    private static final System.Logger LOG = System.getLogger(DemoOrders.class.getName());
    private static final List<String> CUSTOMERS = List.of("jane", "omar", "siobhan", "trade", "gareth");
    private static final List<String> SKUS = List.of("SCARF-MER-GRY", "HAT-BEANIE-NVY", "TSHIRT-ORG-BLK-M", "TSHIRT-ORG-BLK-L",
            "SOCKS-WOOL-3PK", "SOCKS-BAMBOO-2PK", "KIDS-COAT-5Y", "BOOK-KNIT-GUIDE", "CAR-SEAT-INF", "CANDLE-SOY-LRG");
    private static final List<String> SHIPPING = List.of("standard", "express", "nextday", "collect");
    private static final List<String> PROMOTIONS = List.of("SAVE10", "FIVEOFF", "SOCKS3FOR2");

    @Inject
    ShopwareSimulator shop;

    @Inject
    SandboxConfig config;

    private Random random;
    private long tick;

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void placeIfDue() {
        int perMinute = config.demo().ordersPerMinute();
        if (perMinute <= 0) {
            return;
        }
        if (random == null) {
            random = new Random(config.seed());
        }
        tick++;
        long every = Math.max(1, 60 / Math.min(perMinute, 60));
        int perTick = perMinute > 60 ? perMinute / 60 : 1;
        if (tick % every != 0) {
            return;
        }
        for (int i = 0; i < perTick; i++) {
            placeOne();
        }
    }

    private void placeOne() {
        List<OrderRequest.Line> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            lines.add(new OrderRequest.Line(SKUS.get(random.nextInt(SKUS.size())), 1 + random.nextInt(3)));
        }
        String customer = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
        String promotion = random.nextInt(5) == 0 ? PROMOTIONS.get(random.nextInt(PROMOTIONS.size())) : null;
        try {
            ObjectNode order = shop.placeOrder(new OrderRequest(customer, lines, SHIPPING.get(random.nextInt(SHIPPING.size())),
                    promotion, null, random.nextInt(10) < 8));
            LOG.log(System.Logger.Level.INFO, "demo order placed: " + order.path("orderNumber").asText());
        } catch (SimulatorException e) {
            LOG.log(System.Logger.Level.INFO, "demo order refused by the shop: " + e.getMessage());
        }
    }
}
