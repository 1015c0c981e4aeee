package com.shopkhaos.infra.khaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.khaos.CatalogueChange;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.ItemListing;
import com.shopkhaos.model.khaos.KhaosMessageCodec;
import com.shopkhaos.model.khaos.KhaosOrderStatus;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.OrderStatusUpload;
import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.khaos.StockStatusUpload;
import com.shopkhaos.model.khaos.TaxRateTable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The KCC web services' JSON (khaoscontrol/kcc-web-services README). Where the spec's tables and its
 * examples disagree, both forms are read: {@code ShortDescription} (examples) or {@code StockDescription}
 * (table); {@code Deleted} as ids or as {@code {"StockID":…}} objects.
 */
@Singleton
public class JacksonKhaosMessageCodec implements KhaosMessageCodec {
    public static final int API_VERSION = 1000;

    /**
     * How Khaos matches our customers to its own (OrderImportConfig): a company by email, an address by its
     * first line and postcode, a contact by name and email. An item that became discontinued or ran out
     * (run to zero) after we checked it is imported and held for a person, never dropped or aborted.
     */
    static final String IMPORT_CONFIG = "{\"MatchCompanyOn\":[\"Email\"],\"MatchAddressOn\":[\"Address1\",\"Postcode\"],"
            + "\"MatchContactOn\":[\"Forename\",\"Surname\",\"Email\"],\"DiscontinuedItems\":\"ImportAndHold\","
            + "\"RunToZeroErrorItems\":\"ImportAndHold\"}";

    /** The same, the company matched by the URN our orders carry (and by nothing else, as the spec asks). */
    static final String IMPORT_CONFIG_BY_URN = IMPORT_CONFIG.replace("\"MatchCompanyOn\":[\"Email\"]", "\"MatchCompanyOn\":[\"CompanyCode\"]");

    /** KCC's OrderStatus values. */
    static final Set<String> ORDER_STATUSES = Set.of("Received", "Shipping", "PartialShip", "Complete",
            "Cancelled");

    /** Our {@code EndpointConfig} file (JSON format) naming each endpoint's URL. */
    public String endpointConfig(Map<String, String> urlByEndpoint, int orderDownloadFrequencyMinutes) {
        ObjectNode root = InfraJson.mapper().createObjectNode();
        ObjectNode config = root.putObject("EndpointConfig");
        urlByEndpoint.forEach((endpoint, url) -> {
            ObjectNode e = config.putObject(endpoint).put("URL", url).put("Format", "JSON");
            if (endpoint.endsWith("Download")) {
                e.put("Frequency", orderDownloadFrequencyMinutes);
            }
        });
        return write(root);
    }

    /**
     * An {@code OrderDownload} answer carrying these sales orders, with our import config. The sales orders are our own
     * KCC JSON (written by {@link KccSalesOrderWriter}), so they are joined as they are.
     */
    public String orderDownload(List<String> salesOrders) {
        return orderDownload(salesOrders, false);
    }

    /**
     * The same; {@code byUrn}: our orders name the customer's account ({@code Customer.URN}), so Khaos matches the
     * company on {@code CompanyCode} alone, as the spec asks of that option (README L621–628).
     */
    public String orderDownload(List<String> salesOrders, boolean byUrn) {
        int size = salesOrders.stream().mapToInt(String::length).sum() + salesOrders.size() + 256;
        StringBuilder out = new StringBuilder(size).append("{\"Orders\":[");
        for (int i = 0; i < salesOrders.size(); i++) {
            out.append(i == 0 ? "" : ",").append(salesOrders.get(i));
        }
        return out.append("],\"ApiVersion\":").append(API_VERSION).append(",\"Config\":").append(byUrn ? IMPORT_CONFIG_BY_URN : IMPORT_CONFIG).append('}')
                .toString();
    }

    @Override
    public OrderStatusUpload readOrderStatuses(byte[] body) throws UnreadableMessageException {
        JsonNode list = object(body).path("Statuses");
        if (!list.isArray()) {
            throw new UnreadableMessageException("OrderStatusUpload has no Statuses list");
        }
        List<KhaosOrderStatus> statuses = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (JsonNode s : list) {
            String status = text(s, "Status").isEmpty() ? text(s, "OrderStatus") : text(s, "Status");
            String ref = text(s, "AssociatedRef");
            String customData = text(s, "CustomData");
            if (!s.isObject() || status.isEmpty() || (ref.isEmpty() && customData.isEmpty()) || !ORDER_STATUSES.contains(status)) {
                unreadable.add(write(s));
                continue;
            }
            Optional<List<KhaosShipment>> shipments = shipments(s.path("Shipments"));
            if (shipments.isEmpty()) {
                unreadable.add(write(s));
                continue;
            }
            statuses.add(new KhaosOrderStatus(text(s, "OrderCode"), text(s, "OrderID"), status, KhaosStatusNames.progress(status), ref,
                    customData, shipments.get()));
        }
        return new OrderStatusUpload(statuses, unreadable);
    }

    /**
     * A status's Shipments (the spec types it as one Shipment, its examples send a list: both are read); empty when a
     * shipment, item or package cannot be read (no ID or ShipmentItemID, a quantity that is not a finite number).
     */
    static Optional<List<KhaosShipment>> shipments(JsonNode node) {
        List<KhaosShipment> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return Optional.of(out);
        }
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else if (node.isObject()) {
            list.add(node);
        } else {
            return Optional.empty();
        }
        for (JsonNode sh : list) {
            String id = text(sh, "ID");
            if (id.isEmpty() || !(sh.path("Items").isArray() || sh.path("Items").isMissingNode())) {
                return Optional.empty();
            }
            List<KhaosShipment.Item> items = new ArrayList<>();
            for (JsonNode it : sh.path("Items")) {
                JsonNode quantity = it.path("Quantity");
                String itemId = text(it, "ShipmentItemID");
                if (itemId.isEmpty() || !quantity.isNumber() || !Double.isFinite(quantity.asDouble())) {
                    return Optional.empty();
                }
                items.add(new KhaosShipment.Item(text(it, "OrderItemID"), itemId, text(it, "SKU"),
                        quantity.decimalValue(), text(it, "ImportRef"), text(it, "WebsiteItemRef")));
            }
            List<KhaosShipment.Parcel> parcels = new ArrayList<>();
            for (JsonNode p : sh.path("Packages")) {
                JsonNode c = p.path("Courier");
                parcels.add(new KhaosShipment.Parcel(text(p, "ConsignmentRef"),
                        new KhaosShipment.Courier(text(c, "ID"), text(c, "Code"), text(c, "Name")),
                        text(p, "ShipmentDate")));
            }
            out.add(new KhaosShipment(id, text(sh, "Code"), text(sh, "Status"),
                    KhaosStatusNames.stage(text(sh, "Status")), items, parcels));
        }
        return Optional.of(out);
    }

    @Override
    public StockStatusUpload readStockStatuses(byte[] body, Instant at) throws UnreadableMessageException {
        JsonNode list = object(body).path("Statuses");
        if (!list.isArray()) {
            throw new UnreadableMessageException("StockStatusUpload has no Statuses list");
        }
        List<StockLevel> levels = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (JsonNode s : list) {
            String code = text(s, "StockCode");
            JsonNode site = s.path("SiteID");
            JsonNode figure = s.path("Levels").has("Available") ? s.path("Levels").path("Available")
                    : s.path("RelationshipPotential").path("FromChildren");
            if (!code.isEmpty() && site.canConvertToInt() && figure.isMissingNode()) {
                continue; // neither Levels nor RelationshipPotential: an item Khaos keeps no figure for (not stock controlled)
            }
            if (code.isEmpty() || !site.canConvertToInt() || !figure.isNumber() || !Double.isFinite(figure.asDouble())) {
                unreadable.add(write(s));
                continue;
            }
            levels.add(new StockLevel(code, text(s, "StockID"), site.asInt(), figure.decimalValue(), at));
        }
        return new StockStatusUpload(levels, unreadable);
    }

    @Override
    public CatalogueChange readStockUpload(byte[] body, TaxRateTable taxRates, Instant at) throws UnreadableMessageException {
        JsonNode root = object(body);
        JsonNode items = root.path("Items");
        if (!items.isArray()) {
            throw new UnreadableMessageException("StockUpload has no Items list");
        }
        List<CatalogueItem> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String stockId = text(item, "StockID");
            String stockCode = text(item, "StockCode");
            if (stockId.isEmpty() || stockCode.isEmpty()) {
                throw new UnreadableMessageException("StockUpload item " + i + " has no StockID or StockCode");
            }
            String description = text(item, "ShortDescription");
            if (description.isEmpty()) {
                description = text(item, "StockDescription");
            }
            JsonNode taxRate = item.path("TaxRate");
            String taxCode = text(taxRate, "Code").isEmpty() ? text(taxRate, "ID") : text(taxRate, "Code");
            JsonNode options = item.path("Options");
            read.add(new CatalogueItem(stockId, stockCode, description, text(item, "OtherRef"), taxCode,
                    taxRates.percentFor(taxCode), flag(options, "Discontinued", false), flag(options, "RunToZero", false),
                    flag(options, "StockControlled", true), flag(options, "PublishOnWeb", false),
                    flag(options, "NonPhysical", false), false, at, Optional.of(listing(item))));
        }
        List<String> deleted = new ArrayList<>();
        for (JsonNode d : root.path("Deleted")) {
            String id = d.isObject() ? text(d, "StockID") : d.asText("");
            if (!id.isEmpty()) {
                deleted.add(id);
            }
        }
        return new CatalogueChange(read, deleted);
    }

    /**
     * A {@code PriceListUpload} (README "Price List Upload" L1995–2230: {@code UploadPriceLists}, each a {@code PriceList}
     * of {@code StockPrices}): kept as it came; this only checks it is one and counts its stock prices.
     */
    @Override
    public int readPriceLists(byte[] body) throws UnreadableMessageException {
        JsonNode lists = object(body).path("UploadPriceLists");
        if (!lists.isArray()) {
            throw new UnreadableMessageException("PriceListUpload has no UploadPriceLists list");
        }
        int prices = 0;
        for (JsonNode list : lists) {
            if (text(list, "PriceListID").isEmpty() || !list.path("StockPrices").isArray()) {
                throw new UnreadableMessageException("a price list without its PriceListID or StockPrices");
            }
            prices += list.path("StockPrices").size();
        }
        return prices;
    }

    /** The item's gross prices (a price sent only net is left out: the audit compares gross) and its barcodes. */
    private static ItemListing listing(JsonNode item) {
        List<String> barcodes = new ArrayList<>();
        for (JsonNode b : item.path("Barcodes")) {
            String code = b.isObject() ? text(b, "Barcode") : b.asText("").strip();
            if (!code.isEmpty()) {
                barcodes.add(code);
            }
        }
        return new ItemListing(gross(item.path("SellPrice")), gross(item.path("ChannelListingPrice")),
                gross(item.path("WebProperties").path("WebsitePrice")), barcodes);
    }

    /**
     * A price's gross, when set: KCC sends 0.0 for a price not set (the spec's own StockUpload example, README L1625–1646,
     * has {@code SellPrice} and {@code ChannelListingPrice} both {@code {"Gross": 0.0}}), so zero is no price.
     */
    private static Optional<BigDecimal> gross(JsonNode price) {
        JsonNode gross = price.path("Gross");
        return gross.isNumber() && gross.decimalValue().signum() != 0 ? Optional.of(gross.decimalValue()) : Optional.empty();
    }

    private static JsonNode object(byte[] body) throws UnreadableMessageException {
        return InfraJson.readObject(body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText().trim() : "";
    }

    private static boolean flag(JsonNode options, String field, boolean fallback) {
        JsonNode value = options.path(field);
        return value.isBoolean() ? value.asBoolean() : fallback;
    }

    private static String write(JsonNode node) {
        try {
            return InfraJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
