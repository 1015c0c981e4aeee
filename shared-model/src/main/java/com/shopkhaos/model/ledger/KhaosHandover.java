package com.shopkhaos.model.ledger;

import java.time.Instant;

/**
 * How an order was handed to Khaos Control: the sales order as served (KCC JSON, kept from the moment it
 * is READY), the download page it was last served in, when Khaos acknowledged it, and what Khaos
 * reported back (its order code, id and status).
 */
public record KhaosHandover(String salesOrder, String servedPage, Instant downloadedAt, String khaosOrderCode,
                            String khaosOrderId, String khaosStatus) {

    public static final KhaosHandover NONE = new KhaosHandover("", "", null, "", "", "");

    public KhaosHandover {
        salesOrder = salesOrder == null ? "" : salesOrder;
        servedPage = servedPage == null ? "" : servedPage;
        khaosOrderCode = khaosOrderCode == null ? "" : khaosOrderCode;
        khaosOrderId = khaosOrderId == null ? "" : khaosOrderId;
        khaosStatus = khaosStatus == null ? "" : khaosStatus;
    }

    public KhaosHandover withSalesOrder(String json) {
        return new KhaosHandover(json, servedPage, downloadedAt, khaosOrderCode, khaosOrderId, khaosStatus);
    }

    public KhaosHandover servedIn(String page) {
        return new KhaosHandover(salesOrder, page, downloadedAt, khaosOrderCode, khaosOrderId, khaosStatus);
    }

    public KhaosHandover downloaded(Instant at) {
        return new KhaosHandover(salesOrder, servedPage, downloadedAt == null ? at : downloadedAt, khaosOrderCode,
                khaosOrderId, khaosStatus);
    }

    public KhaosHandover reported(String code, String id, String status) {
        return new KhaosHandover(salesOrder, servedPage, downloadedAt, code, id, status);
    }

    public boolean wasServed() {
        return !servedPage.isEmpty();
    }
}
