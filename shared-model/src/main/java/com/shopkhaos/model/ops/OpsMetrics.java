package com.shopkhaos.model.ops;

/**
 * Port: the figures the alarms watch. Counts of what arrived (a webhook, a Khaos stock push, a Khaos order pull), so an
 * alarm can fire when none came for a while; and levels (open exceptions, the oldest one's age) from the schedule.
 * In AWS they are CloudWatch metrics (embedded metric format); the sandbox keeps the latest for its health view.
 */
public interface OpsMetrics {
    String WEBHOOKS_RECEIVED = "WebhooksReceived";
    String KHAOS_STOCK_PUSHES = "KhaosStockPushes";
    String KHAOS_ORDER_PULLS = "KhaosOrderPulls";
    String OPEN_EXCEPTIONS = "OpenExceptions";
    String OLDEST_OPEN_EXCEPTION_HOURS = "OldestOpenExceptionHours";

    /** Something arrived. */
    void counted(String name);

    /** A level now. */
    void level(String name, double value);

    OpsMetrics NONE = new OpsMetrics() {
        @Override
        public void counted(String name) {
        }

        @Override
        public void level(String name, double value) {
        }
    };
}
