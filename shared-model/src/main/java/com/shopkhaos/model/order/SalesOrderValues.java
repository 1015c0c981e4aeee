package com.shopkhaos.model.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The money of a sales order, line by line: what Khaos was sent, or what the shop's order comes to now. Two of them
 * compare into the differences a person must carry over by hand ({@link #differencesFrom}).
 *
 * @param lines        each line by the shop's line id (Khaos's {@code ImportRef})
 * @param deliveryGross the delivery charge, gross
 * @param grossTotal   the order's total, gross
 * @param paymentsTotal what the order was sent as paid (the sum of its payments; 0: sent unpaid or on account)
 * @param deliveryTax  the VAT in the delivery charge, as sent
 */
public record SalesOrderValues(List<Line> lines, BigDecimal deliveryGross, BigDecimal grossTotal, BigDecimal paymentsTotal,
                               BigDecimal deliveryTax) {

    /**
     * One line.
     *
     * @param lineId   the shop's line id
     * @param sku      the shop's SKU (a promotion line: its label)
     * @param quantity units
     * @param unitGross the unit price, gross
     * @param discount the line's discount, gross
     */
    public record Line(String lineId, String sku, int quantity, BigDecimal unitGross, BigDecimal discount) {
        public Line {
            Objects.requireNonNull(lineId, "lineId");
            sku = sku == null ? "" : sku;
            unitGross = unitGross == null ? BigDecimal.ZERO : unitGross;
            discount = discount == null ? BigDecimal.ZERO : discount;
        }

        boolean sameMoney(Line other) {
            return sku.equals(other.sku) && quantity == other.quantity && unitGross.compareTo(other.unitGross) == 0
                    && discount.compareTo(other.discount) == 0;
        }

        String describe() {
            return quantity + " × " + MoneyText.plain(unitGross) + (discount.signum() == 0 ? "" : " less " + MoneyText.plain(discount));
        }
    }

    public SalesOrderValues(List<Line> lines, BigDecimal deliveryGross, BigDecimal grossTotal) {
        this(lines, deliveryGross, grossTotal, BigDecimal.ZERO);
    }

    public SalesOrderValues(List<Line> lines, BigDecimal deliveryGross, BigDecimal grossTotal, BigDecimal paymentsTotal) {
        this(lines, deliveryGross, grossTotal, paymentsTotal, BigDecimal.ZERO);
    }

    public SalesOrderValues {
        paymentsTotal = paymentsTotal == null ? BigDecimal.ZERO : paymentsTotal;
        deliveryTax = deliveryTax == null ? BigDecimal.ZERO : deliveryTax;
        lines = List.copyOf(lines);
        deliveryGross = deliveryGross == null ? BigDecimal.ZERO : deliveryGross;
        grossTotal = grossTotal == null ? BigDecimal.ZERO : grossTotal;
    }

    /** The values of a translated order (what is, or would be, sent). */
    public static SalesOrderValues of(KhaosSalesOrder order) {
        return new SalesOrderValues(order.lines().stream().map(l -> new Line(l.importRef(), l.sku(), l.quantity(), l.unitGross(),
                l.valueDiscount())).toList(), order.deliveryGross(), order.grossTotal(),
                order.payments().stream().map(KhaosSalesOrder.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add), order.deliveryTax());
    }

    /**
     * What changed from {@code sent} to these values, in words a person can act on (empty: nothing). Lines are
     * matched by the shop's line id; a line that got a new id with the same SKU, quantity and prices (the shop
     * recalculated a promotion) is the same line.
     */
    public List<String> differencesFrom(SalesOrderValues sent) {
        Map<String, Line> before = new LinkedHashMap<>();
        sent.lines.forEach(l -> before.put(l.lineId(), l));
        Map<String, Line> now = new LinkedHashMap<>();
        lines.forEach(l -> now.put(l.lineId(), l));
        List<String> differences = new ArrayList<>();
        List<Line> removed = new ArrayList<>();
        List<Line> added = new ArrayList<>();
        for (Line was : before.values()) {
            Line is = now.get(was.lineId());
            if (is == null) {
                removed.add(was);
            } else if (!is.sameMoney(was)) {
                differences.add(changed(was, is));
            }
        }
        for (Line is : now.values()) {
            if (!before.containsKey(is.lineId())) {
                added.add(is);
            }
        }
        // a line the shop gave a new id with the same content is not a change
        for (Line is : List.copyOf(added)) {
            removed.stream().filter(was -> was.sameMoney(is)).findFirst().ifPresent(was -> {
                removed.remove(was);
                added.remove(is);
            });
        }
        removed.forEach(was -> differences.add(name(was) + " removed (was " + was.describe() + ")"));
        added.forEach(is -> differences.add(name(is) + " added (" + is.describe() + ")"));
        if (deliveryGross.compareTo(sent.deliveryGross) != 0) {
            differences.add("delivery " + MoneyText.plain(sent.deliveryGross) + " → " + MoneyText.plain(deliveryGross));
        }
        if (grossTotal.compareTo(sent.grossTotal) != 0) {
            differences.add("total " + MoneyText.plain(sent.grossTotal) + " → " + MoneyText.plain(grossTotal));
        }
        return differences;
    }

    private static String changed(Line was, Line is) {
        List<String> parts = new ArrayList<>();
        if (!was.sku().equals(is.sku())) {
            parts.add("product " + was.sku() + " → " + is.sku());
        }
        if (was.quantity() != is.quantity()) {
            parts.add("quantity " + was.quantity() + " → " + is.quantity());
        }
        if (was.unitGross().compareTo(is.unitGross()) != 0) {
            parts.add("unit price " + MoneyText.plain(was.unitGross()) + " → " + MoneyText.plain(is.unitGross()));
        }
        if (was.discount().compareTo(is.discount()) != 0) {
            parts.add("discount " + MoneyText.plain(was.discount()) + " → " + MoneyText.plain(is.discount()));
        }
        return name(was) + ": " + String.join(", ", parts);
    }

    private static String name(Line line) {
        return "line " + (line.sku().isEmpty() ? line.lineId() : line.sku());
    }

}
