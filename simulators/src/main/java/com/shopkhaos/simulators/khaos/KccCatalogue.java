package com.shopkhaos.simulators.khaos;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Khaos Control's catalogue: the Shopware simulator's SKUs as stock codes, with
 * deliberate gaps: a SKU Khaos does not have ({@code UMBRELLA-GOLF}), one under another code
 * ({@code BOOK-KNIT-GUIDE} is {@code BK-KNIT-01}, found by its OtherRef), items the shop does not sell,
 * a discontinued item, a run-to-zero item, a build item, a non-stock discount item; three tax rate
 * codes, four couriers and two stock sites.
 */
final class KccCatalogue {
    /** A tax rate: code, id and name as KCC sends them. */
    record TaxRate(String code, String id, String name, BigDecimal percent) {
    }

    /**
     * A courier, matched by ID, Code or Name, with the gross delivery charge Khaos's own delivery rules put on an order
     * that names no {@code DeliveryCharge} ("If omitted, the system will calculate delivery").
     */
    record Courier(String id, String code, String name, BigDecimal charge) {
    }

    /** A stock control site. */
    record Site(int id, String name) {
    }

    final Map<String, KccItem> byId = new LinkedHashMap<>();
    final Map<String, TaxRate> taxRates = new LinkedHashMap<>();
    final List<Courier> couriers = List.of(new Courier("1", "RM48", "Royal Mail Tracked 48", new BigDecimal("3.95")),
            new Courier("2", "RM24", "Royal Mail Tracked 24", new BigDecimal("4.95")),
            new Courier("3", "DPDND", "DPD Next Day", new BigDecimal("6.95")),
            new Courier("4", "COLLECT", "Click and Collect", BigDecimal.ZERO));
    final List<Site> sites = List.of(new Site(1, "Main warehouse"), new Site(2, "Shop floor"));
    /** Seeded physical stock: stock id → (site → units). */
    final Map<String, Map<Integer, Integer>> seededPhysical = new LinkedHashMap<>();
    private int nextId = 7001;

    KccCatalogue() {
        taxRates.put("1", new TaxRate("1", "1", "Standard", BigDecimal.valueOf(20)));
        taxRates.put("2", new TaxRate("2", "2", "Reduced", BigDecimal.valueOf(5)));
        taxRates.put("3", new TaxRate("3", "3", "Zero", BigDecimal.ZERO));

        String scarf = item("SCARF-MER-GRY", "Merino Wool Scarf, Grey", "", "1", "25.00", "Accessories", 38, 2);
        String hat = item("HAT-BEANIE-NVY", "Cable Knit Beanie, Navy", "", "1", "15.00", "Accessories", 55, 5);
        item("TSHIRT-ORG-BLK-S", "Organic Tee Black S", "", "1", "19.50", "Clothing", 25, 0);
        item("TSHIRT-ORG-BLK-M", "Organic Tee Black M", "", "1", "19.50", "Clothing", 30, 0);
        item("TSHIRT-ORG-BLK-L", "Organic Tee Black L", "", "1", "19.50", "Clothing", 12, 0);
        item("TSHIRT-ORG-WHT-M", "Organic Tee White M", "", "1", "19.50", "Clothing", 8, 0);
        item("SOCKS-WOOL-3PK", "Wool Socks 3pk", "", "1", "12.00", "Clothing", 100, 10);
        item("SOCKS-BAMBOO-2PK", "Bamboo Socks 2pk", "", "1", "9.00", "Clothing", 80, 0);
        item("KIDS-COAT-5Y", "Kids Rain Coat 5y", "", "3", "35.00", "Childrenswear", 15, 0);
        item("KIDS-WELLIES-9", "Kids Wellies 9", "", "3", "18.00", "Childrenswear", 20, 0);
        item("BK-KNIT-01", "The Knitting Guide", "BOOK-KNIT-GUIDE", "3", "12.99", "Books", 30, 0);
        item("CAR-SEAT-INF", "Infant Car Seat", "", "2", "120.00", "Nursery", 6, 0);
        item("CANDLE-SOY-LRG", "Soy Candle Large", "", "1", "18.00", "Home", 50, 4);
        item("BLANKET-WOOL-KING", "Wool Blanket King", "", "1", "89.00", "Home", 5, 0);
        KccItem mug = byId.get(item("MUG-STONE-BLU", "Stoneware Mug Blue", "", "1", "10.00", "Home", 3, 0));
        mug.runToZero = true;
        KccItem lamp = byId.get(item("LAMP-BRASS-DESK", "Brass Desk Lamp", "", "1", "65.00", "Home", 1, 0));
        lamp.discontinued = true;
        byId.get(item("SCARF-CASH-RED", "Cashmere Scarf Red (not on the web)", "", "1", "79.00", "Accessories", 4, 0))
                .publishOnWeb = false;

        String giftSet = nextStockId();
        KccItem set = new KccItem(giftSet, "GIFT-SET-KNIT", "Knitwear Gift Set (scarf + beanie)", "", List.of(), "1",
                new BigDecimal("36.00"), "Gifts", "Gifts", Map.of(scarf, 1, hat, 1));
        set.stockControlled = false;
        byId.put(giftSet, set);

        String discount = nextStockId();
        KccItem webDiscount = new KccItem(discount, "WEB-DISCOUNT", "Web promotion discount", "", List.of(), "1",
                BigDecimal.ZERO, "Non-stock", "Discounts", Map.of());
        webDiscount.stockControlled = false;
        webDiscount.nonPhysical = true;
        webDiscount.publishOnWeb = false;
        byId.put(discount, webDiscount);
    }

    private String nextStockId() {
        return Integer.toString(nextId++);
    }

    /** Adds a plain standard-rated item (for scale runs); answers its stock id. */
    String add(String code, String description, int site1) {
        return item(code, description, "", "1", "10.00", "Generated", site1, 0);
    }

    private String item(String code, String description, String otherRef, String taxCode, String gross, String type,
                        int site1, int site2) {
        String id = nextStockId();
        String barcode = "50" + String.format("%011d", Long.parseLong(id) * 7919L);
        byId.put(id, new KccItem(id, code, description, otherRef, List.of(barcode), taxCode, new BigDecimal(gross), type,
                "[" + type + "] General", Map.of()));
        Map<Integer, Integer> physical = new LinkedHashMap<>();
        physical.put(1, site1);
        physical.put(2, site2);
        seededPhysical.put(id, physical);
        return id;
    }

    Optional<KccItem> byCode(String code) {
        return byId.values().stream().filter(i -> i.stockCode.equalsIgnoreCase(code)).findFirst();
    }

    /** KCC's item lookup by an order line's Mapping. */
    Optional<KccItem> find(String sku, String mapping) {
        String wanted = sku.trim().toUpperCase(Locale.ROOT);
        return switch (mapping) {
            case "StockCode", "WebCode" -> byCode(sku);
            case "OtherRef" -> byId.values().stream().filter(i -> i.otherRef.equalsIgnoreCase(sku)).findFirst();
            case "Barcode" -> byId.values().stream().filter(i -> i.barcodes.contains(wanted)).findFirst();
            case "Automatic" -> byCode(sku).or(() -> find(sku, "OtherRef")).or(() -> find(sku, "Barcode"));
            default -> Optional.empty();
        };
    }

    Optional<Courier> courier(String id, String code, String name) {
        return couriers.stream().filter(c -> (!id.isEmpty() && c.id().equals(id)) || (!code.isEmpty() && c.code().equalsIgnoreCase(code))
                || (!name.isEmpty() && c.name().equalsIgnoreCase(name))).findFirst();
    }

    Optional<Site> site(String idOrName) {
        return sites.stream().filter(s -> Integer.toString(s.id()).equals(idOrName) || s.name().equalsIgnoreCase(idOrName))
                .findFirst();
    }
}
