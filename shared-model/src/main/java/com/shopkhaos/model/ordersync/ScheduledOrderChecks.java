package com.shopkhaos.model.ordersync;

import java.util.List;

/**
 * What the order-sweep schedule runs each time: the sweep for orders whose webhooks never came (or whose
 * messages were lost), then the check for orders Khaos downloaded and never confirmed.
 */
public final class ScheduledOrderChecks {

    /** One run: what the sweep did per shop, and the orders newly reported as not confirmed by Khaos. */
    public record Report(List<OrderSweepService.ShopSweep> shops, List<String> notConfirmedByKhaos) {
    }

    private final OrderSweepService sweep;
    private final KhaosConfirmationWatch confirmations;

    public ScheduledOrderChecks(OrderSweepService sweep, KhaosConfirmationWatch confirmations) {
        this.sweep = sweep;
        this.confirmations = confirmations;
    }

    /** Both checks; the confirmation check runs even when the shop could not be swept this time. */
    public Report run() {
        RuntimeException sweepFailure = null;
        List<OrderSweepService.ShopSweep> shops = List.of();
        try {
            shops = sweep.sweep();
        } catch (RuntimeException e) {
            sweepFailure = e;
        }
        List<String> unconfirmed = confirmations.check();
        if (sweepFailure != null) {
            throw sweepFailure;
        }
        return new Report(shops, unconfirmed);
    }
}
