package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A sales order imported into the simulated Khaos, with its lines, shipments and status. */
final class KccOrder {

    /** One imported line. */
    static final class Line {
        final String orderItemId;
        final String sku;
        final String stockId;
        final String stockCode;
        final int site;
        final double quantity;
        double despatched;
        final BigDecimal unitNet;
        final BigDecimal unitGross;
        final BigDecimal lineGross;
        final String importRef;
        final String webItemRef;
        final boolean allocates;

        Line(String orderItemId, String sku, String stockId, String stockCode, int site, double quantity, BigDecimal unitNet,
             BigDecimal unitGross, BigDecimal lineGross, String importRef, String webItemRef, boolean allocates) {
            this.orderItemId = orderItemId;
            this.sku = sku;
            this.stockId = stockId;
            this.stockCode = stockCode;
            this.site = site;
            this.quantity = quantity;
            this.unitNet = unitNet;
            this.unitGross = unitGross;
            this.lineGross = lineGross;
            this.importRef = importRef;
            this.webItemRef = webItemRef;
            this.allocates = allocates;
        }

        double remaining() {
            return quantity - despatched;
        }
    }

    /** A shipped or pending part of the order (an invoice in Khaos's invoice manager). */
    record Shipment(String id, String code, String status, List<ShipmentItem> items, List<ShipmentPackage> packages) {
    }

    record ShipmentItem(String orderItemId, String shipmentItemId, String sku, double quantity, String importRef,
                        String webItemRef) {
    }

    record ShipmentPackage(String consignmentRef, KccCatalogue.Courier courier, Instant shipmentDate) {
    }

    final String orderId;
    final String orderCode;
    final String associatedRef;
    final String customData;
    final int site;
    final Instant importedAt;
    final List<Line> lines = new ArrayList<>();
    final List<String> skippedSkus = new ArrayList<>();
    final List<Shipment> shipments = new ArrayList<>();
    final JsonNode received;
    final KccCatalogue.Courier courier;
    boolean held;
    String status = "Received";
    BigDecimal goodsGross = BigDecimal.ZERO;
    BigDecimal deliveryGross = BigDecimal.ZERO;
    /** No {@code DeliveryCharge} was sent: Khaos put its own courier charge on. */
    boolean deliveryCalculated;
    /** Totalled from net prices ({@code CalcMethod} 1, or Auto with net prices) rather than gross. */
    boolean calcNet;
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal grossTotalSent;
    BigDecimal roundingCorrection = BigDecimal.ZERO;
    /** The customer account the order was booked to (its URN). */
    String urn = "";

    KccOrder(String orderId, String orderCode, String associatedRef, String customData, int site, Instant importedAt,
             JsonNode received, KccCatalogue.Courier courier) {
        this.orderId = orderId;
        this.orderCode = orderCode;
        this.associatedRef = associatedRef;
        this.customData = customData;
        this.site = site;
        this.importedAt = importedAt;
        this.received = received;
        this.courier = courier;
    }

    boolean fullyDespatched() {
        return lines.stream().allMatch(l -> l.remaining() <= 0);
    }
}
