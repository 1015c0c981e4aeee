package com.shopkhaos.model.ledger;

import com.shopkhaos.model.khaos.KhaosOrderProgress;
import java.time.Instant;

/**
 * How an order was handed to Khaos Control: the sales order as served (KCC JSON, kept from the moment it
 * is READY), the download page it was last served in, when Khaos acknowledged it, and what Khaos
 * reported back (its order code, id and status).
 *
 * @param khaosStatus          Khaos's own word for the order's status (for people)
 * @param khaosProgress        what that status means (read from {@code khaosStatus} by the adapter that stores it)
 * @param personalDataErasedAt when the customer's names, addresses, email and phone numbers were replaced in the stored
 *                             sales order (after the retention, or on the customer's request); null while it holds them
 */
public record KhaosHandover(String salesOrder, String servedPage, Instant downloadedAt, String khaosOrderCode,
                            String khaosOrderId, String khaosStatus, KhaosOrderProgress khaosProgress,
                            Instant personalDataErasedAt) {

    public static final KhaosHandover NONE = new KhaosHandover("", "", null, "", "", "", KhaosOrderProgress.UNKNOWN, null);

    public KhaosHandover {
        salesOrder = salesOrder == null ? "" : salesOrder;
        servedPage = servedPage == null ? "" : servedPage;
        khaosOrderCode = khaosOrderCode == null ? "" : khaosOrderCode;
        khaosOrderId = khaosOrderId == null ? "" : khaosOrderId;
        khaosStatus = khaosStatus == null ? "" : khaosStatus;
        khaosProgress = khaosProgress == null ? KhaosOrderProgress.UNKNOWN : khaosProgress;
    }

    /** A handover whose sales order (if any) still holds the customer's personal data. */
    public KhaosHandover(String salesOrder, String servedPage, Instant downloadedAt, String khaosOrderCode,
                         String khaosOrderId, String khaosStatus, KhaosOrderProgress khaosProgress) {
        this(salesOrder, servedPage, downloadedAt, khaosOrderCode, khaosOrderId, khaosStatus, khaosProgress, null);
    }

    /** A newly written sales order: it holds personal data again. */
    public KhaosHandover withSalesOrder(String json) {
        return new KhaosHandover(json, servedPage, downloadedAt, khaosOrderCode, khaosOrderId, khaosStatus, khaosProgress, null);
    }

    /** The sales order with its personal data replaced ({@code redacted}), and when. */
    public KhaosHandover withPersonalDataErased(String redacted, Instant at) {
        return new KhaosHandover(redacted, servedPage, downloadedAt, khaosOrderCode, khaosOrderId, khaosStatus, khaosProgress, at);
    }

    public KhaosHandover servedIn(String page) {
        return new KhaosHandover(salesOrder, page, downloadedAt, khaosOrderCode, khaosOrderId, khaosStatus, khaosProgress, personalDataErasedAt);
    }

    public KhaosHandover downloaded(Instant at) {
        return new KhaosHandover(salesOrder, servedPage, downloadedAt == null ? at : downloadedAt, khaosOrderCode,
                khaosOrderId, khaosStatus, khaosProgress, personalDataErasedAt);
    }

    public KhaosHandover reported(String code, String id, String status, KhaosOrderProgress progress) {
        return new KhaosHandover(salesOrder, servedPage, downloadedAt, code, id, status, progress, personalDataErasedAt);
    }

    public boolean wasServed() {
        return !servedPage.isEmpty();
    }

    /** True while the stored sales order may name the customer (there is one, and it was not erased). */
    public boolean holdsPersonalData() {
        return !salesOrder.isEmpty() && personalDataErasedAt == null;
    }
}
