package com.shopkhaos.simulators.ksd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the simulated Khaos Control holds: its stock items, and the sales orders it imported with their invoices. */
final class KsdOrders {
    private KsdOrders() {
    }

    /** Invoice stages by id, with the description the export carries (see the README for where each comes from). */
    static final Map<Integer, String> STAGES = Map.ofEntries(Map.entry(1, "CANCELLED"), Map.entry(9, "RELEASED"),
            Map.entry(10, "STAGING"), Map.entry(11, "AUTHORISE PAYMENT"), Map.entry(12, "PICKING"), Map.entry(13, "PACKING"),
            Map.entry(14, "SHIPPING"), Map.entry(15, "INVOICE PRINT"), Map.entry(16, "ISSUE INVOICES"),
            Map.entry(17, "FUTURE DATE"), Map.entry(18, "FUTURE STOCK"), Map.entry(19, "MANUALHOLD"),
            Map.entry(20, "PROCESSING"), Map.entry(21, "ACCOUNT TERMS"), Map.entry(70, "ISSUED"), Map.entry(71, "ISSUED Q1"),
            Map.entry(72, "ISSUED A2"), Map.entry(73, "ISSUED A3"));

    static boolean issued(int stage) {
        return stage >= 70;
    }

    /** A stock item: its level (units available to sell, as ExportStockStatus's LEVEL) and last change per site. */
    static final class Item {
        final String code;
        final String id;
        String description;
        BigDecimal vatRate;
        final Map<Integer, Integer> level = new java.util.TreeMap<>();
        final Map<Integer, Instant> updated = new java.util.TreeMap<>();

        Item(String code, String id, String description, BigDecimal vatRate) {
            this.code = code;
            this.id = id;
            this.description = description;
            this.vatRate = vatRate;
        }
    }

    /** A line as imported: the stock code and units, and its unit price gross and net after any discount. */
    record Line(String stockCode, int quantity, BigDecimal unitGross, BigDecimal unitNet) {
        BigDecimal gross() {
            return unitGross.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
        }

        BigDecimal net() {
            return unitNet.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** An invoice of an order: a stage, the units on it and sent, and the boxes packed with their consignment refs. */
    static final class Invoice {
        final String code;
        int stage;
        int qtySold;
        int qtySent;
        String courier = "";
        final List<String> boxes = new ArrayList<>();
        final Instant created;
        Instant shipped;
        Instant changed;

        Invoice(String code, int stage, int qtySold, Instant at) {
            this.code = code;
            this.stage = stage;
            this.qtySold = qtySold;
            this.created = at;
            this.changed = at;
        }
    }

    /** A sales order: its code, the shop's reference, lines, totals and invoices. */
    static final class Order {
        final String code;
        final String associatedRef;
        final String companyName;
        final String currency;
        final String courier;
        final int site;
        final List<Line> lines;
        final BigDecimal deliveryGross;
        final BigDecimal deliveryNet;
        final Instant created;
        Instant changed;
        final List<Invoice> invoices = new ArrayList<>();
        String cancelReason;
        Instant cancelledAt;

        Order(String code, String associatedRef, String companyName, String currency, String courier, int site, List<Line> lines,
              BigDecimal deliveryGross, BigDecimal deliveryNet, Instant created) {
            this.code = code;
            this.associatedRef = associatedRef;
            this.companyName = companyName;
            this.currency = currency;
            this.courier = courier;
            this.site = site;
            this.lines = List.copyOf(lines);
            this.deliveryGross = deliveryGross;
            this.deliveryNet = deliveryNet;
            this.created = created;
            this.changed = created;
        }

        int units() {
            return lines.stream().mapToInt(Line::quantity).sum();
        }

        int sent() {
            return invoices.stream().mapToInt(i -> i.qtySent).sum();
        }

        BigDecimal itemsGross() {
            return lines.stream().map(Line::gross).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal itemsNet() {
            return lines.stream().map(Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        boolean cancelled() {
            return cancelledAt != null;
        }

        boolean complete() {
            return !cancelled() && invoices.stream().allMatch(i -> issued(i.stage));
        }

        /** The invoice whose units are still to go, if any. */
        java.util.Optional<Invoice> open() {
            return invoices.stream().filter(i -> !issued(i.stage) && i.stage != 1).findFirst();
        }
    }
}
