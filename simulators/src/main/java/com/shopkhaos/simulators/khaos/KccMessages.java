package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SimJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * The JSON KCC pushes, shaped as the spec's examples show it: StockUpload items with alphabetically
 * ordered keys (as KCC's .NET serialiser writes them), StockStatusUpload one entry per item and site,
 * OrderStatusUpload with {@code Status} (the examples' name; the spec's table says {@code OrderStatus}).
 */
final class KccMessages {
    static final DateTimeFormatter KCC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private KccMessages() {
    }

    static String stockUpload(KccCatalogue catalogue, Collection<KccItem> items, Collection<String> deletedIds) {
        ObjectNode root = SimJson.object();
        ArrayNode deleted = root.putArray("Deleted");
        deletedIds.forEach(deleted::add);
        ArrayNode list = root.putArray("Items");
        for (KccItem item : items) {
            ObjectNode i = list.addObject();
            ArrayNode barcodes = i.putArray("Barcodes");
            item.barcodes.forEach(b -> barcodes.addObject().put("Barcode", b).putObject("Type").put("Name", "EAN"));
            BigDecimal rate = catalogue.taxRates.get(item.taxCode).percent();
            BigDecimal net = item.sellGross.multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(100).add(rate), 2, RoundingMode.HALF_UP);
            if (item.channelListingGross != null) {
                i.putObject("ChannelListingPrice").put("Gross", item.channelListingGross.doubleValue());
            }
            i.putObject("BuyPrice").put("Net", net.multiply(new BigDecimal("0.4")).setScale(2, RoundingMode.HALF_UP).doubleValue());
            i.putArray("Images");
            i.putArray("ListingPrices");
            ObjectNode options = i.putObject("Options");
            options.putArray("CustomOptions");
            options.put("Discontinued", item.discontinued).put("DiscountsDisabled", false).put("DropShipItem", false)
                    .put("FreeText", false).put("NonPhysical", item.nonPhysical).put("PublishOnWeb", item.publishOnWeb)
                    .put("RunToZero", item.runToZero).put("StockControlled", item.stockControlled)
                    .put("VatReliefQualified", false);
            if (!item.otherRef.isEmpty()) {
                i.put("OtherRef", item.otherRef);
            }
            i.putObject("SellPrice").put("Gross", item.sellGross.doubleValue());
            i.put("ShortDescription", item.description).put("StockCode", item.stockCode).put("StockID", item.stockId);
            i.putObject("StockType1").put("ID", Integer.toString(Math.abs(item.stockType1.hashCode() % 90) + 10))
                    .put("Name", item.stockType1);
            i.putObject("StockType2").put("ID", Integer.toString(Math.abs(item.stockType2.hashCode() % 90) + 10))
                    .put("Name", item.stockType2);
            i.putArray("SupplierInfo");
            KccCatalogue.TaxRate tax = catalogue.taxRates.get(item.taxCode);
            i.putObject("TaxRate").put("Code", tax.code()).put("ID", tax.id()).put("Name", tax.name());
            i.putArray("UserDefinedFields");
            if (item.websiteGross != null) {
                // a Price, as ChannelListingPrice is (spec README L804: WebProperties.WebsitePrice is a Price)
                i.putObject("WebProperties").putObject("WebsitePrice").put("Gross", item.websiteGross.doubleValue());
            }
        }
        return SimJson.write(root);
    }

    /**
     * A {@code PriceListUpload} (spec README L1995–2230): one price list, the channel's web prices ({@code PriceListID} 1,
     * "Web Price List"), one {@code PriceListStock} per item from quantity 1: its web price if set, else its channel
     * listing price, else its sell price ({@code PriceType} 1, as every row of the spec's example).
     */
    static String priceLists(Collection<KccItem> items) {
        ObjectNode root = SimJson.object();
        ObjectNode list = root.putArray("UploadPriceLists").addObject().put("ChannelID", "1").put("PriceListID", "1")
                .put("PriceListName", "Web Price List");
        ArrayNode prices = list.putArray("StockPrices");
        for (KccItem item : items) {
            BigDecimal price = item.websiteGross != null ? item.websiteGross : item.channelListingGross != null
                    ? item.channelListingGross : item.sellGross;
            ObjectNode row = prices.addObject();
            row.putObject("BuyPrice").put("Net", item.sellGross.multiply(new BigDecimal("0.3")).setScale(2, RoundingMode.HALF_UP).doubleValue());
            row.put("PriceType", 1).put("PriceValue", price.doubleValue()).put("QtyEnd", 99999.0).put("QtyStart", 1.0);
            row.putObject("SellPrice").put("Gross", item.sellGross.doubleValue());
            row.put("StockCode", item.stockCode).put("StockDesc", item.description).put("StockID", item.stockId);
        }
        return SimJson.write(root);
    }

    /** One entry per item and site: {@code Levels} for stock-controlled items, {@code RelationshipPotential} for builds. */
    static ObjectNode stockStatus(KccItem item, int site, KccStock stock) {
        ObjectNode s = SimJson.object().put("StockCode", item.stockCode).put("StockID", item.stockId).put("SiteID", site);
        if (item.stockControlled) {
            KccStock.Level level = stock.level(item.stockId, site);
            s.putObject("Levels").put("Available", (double) level.available()).put("OnOrder", (double) level.onOrder);
        }
        if (item.isBuild()) {
            s.putObject("RelationshipPotential").put("FromChildren", stock.buildPotential(item, site)).put("FromParents", 0);
        }
        return s;
    }

    static String statuses(Collection<ObjectNode> entries) {
        ObjectNode root = SimJson.object();
        ArrayNode list = root.putArray("Statuses");
        entries.forEach(list::add);
        return SimJson.write(root);
    }

    /** One order's status; {@code statusField} names the order status {@code Status} (the examples) or {@code OrderStatus} (the spec's table). */
    static ObjectNode orderStatus(KccOrder order, String channelId, String statusField) {
        ObjectNode s = SimJson.object().put("OrderCode", order.orderCode).put("OrderID", order.orderId).put(statusField, order.status)
                .put("AssociatedRef", order.associatedRef).put("ChannelID", channelId);
        if (!order.customData.isEmpty()) {
            s.put("CustomData", order.customData);
        }
        ArrayNode shipments = s.putArray("Shipments");
        for (KccOrder.Shipment shipment : order.shipments) {
            ObjectNode sh = shipments.addObject().put("ID", shipment.id()).put("Code", shipment.code()).put("Status", shipment.status());
            ArrayNode items = sh.putArray("Items");
            shipment.items().forEach(it -> {
                ObjectNode i = items.addObject().put("OrderItemID", it.orderItemId()).put("ShipmentItemID", it.shipmentItemId())
                        .put("SKU", it.sku()).put("Quantity", it.quantity());
                if (!it.importRef().isEmpty()) {
                    i.put("ImportRef", it.importRef());
                }
                if (!it.webItemRef().isEmpty()) {
                    i.put("WebsiteItemRef", it.webItemRef());
                }
            });
            ArrayNode packages = sh.putArray("Packages");
            shipment.packages().forEach(p -> {
                ObjectNode pk = packages.addObject();
                if (p.consignmentRef() != null && !p.consignmentRef().isEmpty()) {
                    pk.put("ConsignmentRef", p.consignmentRef()); // optional in the spec: an untracked service has none
                }
                pk.putObject("Courier").put("Name", p.courier().name()).put("Code", p.courier().code()).put("ID", p.courier().id());
                if (p.shipmentDate() != null) {
                    pk.put("ShipmentDate", KCC_TIME.format(p.shipmentDate())); // a package still in the warehouse has none
                }
            });
        }
        return s;
    }
}
