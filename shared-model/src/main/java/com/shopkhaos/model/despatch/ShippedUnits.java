package com.shopkhaos.model.despatch;

import com.shopkhaos.model.khaos.KhaosShipment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Units shipped per order line, worked out from the whole set of an order's shipments that left the warehouse,
 * each item counted once by shipment ID and ShipmentItemID. An item names its line by ImportRef (the shop's line item
 * id we sent); without one, by SKU or stock code, filling the lines that sell it in order.
 *
 * @param shipped     line item id → units shipped
 * @param notOnOrder  shipment items that match no line of the order
 * @param overShipped lines with more units shipped than ordered, described for a person
 */
public record ShippedUnits(Map<String, BigDecimal> shipped, List<String> notOnOrder, List<String> overShipped) {

    /** How far the order has shipped. */
    public enum Progress { NONE, PARTIAL, FULL }

    public static ShippedUnits count(List<ShopDeliveries.OrderedLine> lines, Collection<KhaosShipment> shipments,
                                     UnaryOperator<String> stockCodeOfSku) {
        return count(lines, shipments, stockCodeOfSku, Set.of());
    }

    /** @param otherLineIds the order's lines that are not products: shipment items naming them are not units shipped */
    public static ShippedUnits count(List<ShopDeliveries.OrderedLine> lines, Collection<KhaosShipment> shipments,
                                     UnaryOperator<String> stockCodeOfSku, Set<String> otherLineIds) {
        Map<String, BigDecimal> shipped = new LinkedHashMap<>();
        lines.forEach(l -> shipped.put(l.lineItemId(), BigDecimal.ZERO));
        List<String> notOnOrder = new ArrayList<>();
        for (KhaosShipment shipment : departed(shipments)) {
            Map<String, KhaosShipment.Item> items = new LinkedHashMap<>();
            shipment.items().forEach(i -> items.putIfAbsent(i.shipmentItemId(), i));
            for (KhaosShipment.Item item : items.values()) {
                if (item.quantity().signum() <= 0 || otherLineIds.contains(item.importRef())) {
                    continue;
                }
                ShopDeliveries.OrderedLine line = lineFor(item, lines, shipped, stockCodeOfSku);
                if (line == null) {
                    notOnOrder.add(item.quantity().stripTrailingZeros().toPlainString() + " × " + item.sku() + " in shipment "
                            + shipment.code() + " (" + shipment.id() + ")");
                    continue;
                }
                shipped.merge(line.lineItemId(), item.quantity(), BigDecimal::add);
            }
        }
        List<String> overShipped = new ArrayList<>();
        for (ShopDeliveries.OrderedLine line : lines) {
            BigDecimal units = shipped.get(line.lineItemId());
            if (units.compareTo(BigDecimal.valueOf(line.quantity())) > 0) {
                overShipped.add(units.stripTrailingZeros().toPlainString() + " of " + line.sku() + " shipped, "
                        + line.quantity() + " ordered");
            }
        }
        return new ShippedUnits(shipped, notOnOrder, overShipped);
    }

    /** The shipments that left the warehouse, one per shipment ID (several reports of one merged), in ID order. */
    static List<KhaosShipment> departed(Collection<KhaosShipment> shipments) {
        Map<String, KhaosShipment> byId = new TreeMap<>();
        shipments.forEach(s -> byId.put(s.id(), DespatchRules.merge(byId.get(s.id()), s)));
        return byId.values().stream().filter(DespatchRules::hasLeft).toList();
    }

    private static ShopDeliveries.OrderedLine lineFor(KhaosShipment.Item item, List<ShopDeliveries.OrderedLine> lines,
                                                      Map<String, BigDecimal> shipped, UnaryOperator<String> stockCodeOfSku) {
        if (!item.importRef().isEmpty()) {
            for (ShopDeliveries.OrderedLine line : lines) {
                if (line.lineItemId().equals(item.importRef())) {
                    return line;
                }
            }
        }
        String sku = item.sku().toLowerCase(Locale.ROOT);
        String webRef = item.websiteItemRef().toLowerCase(Locale.ROOT);
        List<ShopDeliveries.OrderedLine> selling = lines.stream().filter(l -> l.sku().toLowerCase(Locale.ROOT).equals(sku)
                || l.sku().toLowerCase(Locale.ROOT).equals(webRef)
                || stockCodeOfSku.apply(l.sku()).toLowerCase(Locale.ROOT).equals(sku)).toList();
        for (ShopDeliveries.OrderedLine line : selling) {
            if (shipped.get(line.lineItemId()).compareTo(BigDecimal.valueOf(line.quantity())) < 0) {
                return line;
            }
        }
        return selling.isEmpty() ? null : selling.get(selling.size() - 1);
    }

    /** NONE when nothing shipped, FULL when every ordered unit has. */
    public Progress progress(List<ShopDeliveries.OrderedLine> lines) {
        boolean any = shipped.values().stream().anyMatch(u -> u.signum() > 0);
        boolean all = !lines.isEmpty() && lines.stream()
                .allMatch(l -> shipped.get(l.lineItemId()).compareTo(BigDecimal.valueOf(l.quantity())) >= 0);
        return all ? Progress.FULL : any ? Progress.PARTIAL : Progress.NONE;
    }
}
