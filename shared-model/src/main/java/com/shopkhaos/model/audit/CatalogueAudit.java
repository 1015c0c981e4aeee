package com.shopkhaos.model.audit;

import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.TaxRateTable;
import com.shopkhaos.model.ops.FixSuggestions;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The go-live audit's checks: the shop's catalogue and methods against the Khaos catalogue the channel keeps, our
 * mappings and our settings, read-only. Each check says what an order would meet, before one does: the same rules
 * order-sync translates by ({@link OrderTranslationPolicy}: SKU → stock code, delivery method → courier, payment method →
 * card type, the channel's currency) and Khaos's tax codes ({@link TaxRateTable}).
 */
public final class CatalogueAudit {
    /** Khaos's card type field holds 25 characters: an unmapped method's name longer than that holds its orders. */
    static final int CARD_TYPE = 25;

    /** What the audit checks against (settings), validated where they are read. */
    public record Settings(BigDecimal priceTolerance, int nameLength) {
        /** A penny either way; names up to 100 characters. */
        public static final Settings DEFAULT = new Settings(new BigDecimal("0.01"), 100);

        /**
         * @param priceTolerance how far (gross, either way) a shop price may be from Khaos's before it is a finding
         * @param nameLength     the longest product name Khaos's description takes (0: not checked); Khaos does not
         *                       publish it, so it is a setting
         */
        public Settings {
            if (priceTolerance == null || priceTolerance.signum() < 0) {
                throw new IllegalArgumentException("the price tolerance must be 0 or more");
            }
            if (nameLength < 0) {
                throw new IllegalArgumentException("the name length must be 0 (not checked) or more");
            }
        }
    }

    /**
     * The Khaos side: the catalogue by stock code, what Khaos last reported available for the web (asked of run-to-zero
     * items only), our rules with the mappings people made, and the audit's settings.
     */
    public record KhaosSide(Map<String, CatalogueItem> itemsByCode, Function<String, Optional<BigDecimal>> availableForWeb,
                            OrderTranslationPolicy policy, TaxRateTable taxRates, Settings settings) {
        public KhaosSide(Map<String, CatalogueItem> itemsByCode, Function<String, Optional<BigDecimal>> availableForWeb,
                         OrderTranslationPolicy policy, TaxRateTable taxRates) {
            this(itemsByCode, availableForWeb, policy, taxRates, Settings.DEFAULT);
        }

        public BigDecimal priceTolerance() {
            return settings.priceTolerance();
        }
    }

    private CatalogueAudit() {
    }

    /** Every finding, most severe first, then by kind and subject. */
    public static List<AuditFinding> run(ShopCatalogue shop, KhaosSide khaos) {
        List<AuditFinding> findings = new ArrayList<>();
        products(shop, khaos, findings);
        shippingMethods(shop, khaos.policy(), findings);
        paymentMethods(shop, khaos.policy(), findings);
        taxRates(shop, khaos.taxRates(), findings);
        currencies(shop, khaos.policy(), findings);
        promotions(shop, khaos, findings);
        stock(shop, khaos, findings);
        dataQuality(shop, khaos, findings);
        findings.sort(Comparator.comparing(AuditFinding::severity).thenComparing(AuditFinding::kind)
                .thenComparing(AuditFinding::subject));
        return findings;
    }

    /** Products on sale (a parent of variants is not sold itself): their Khaos item, and whether an order could take it. */
    static void products(ShopCatalogue shop, KhaosSide khaos, List<AuditFinding> out) {
        Set<String> parents = parents(shop);
        // made at the first SKU Khaos lacks: a clean catalogue never pays for normalising every code
        FixSuggestions.Index[] liveCodes = {null};
        Map<String, Set<String>> unknownCodes = new TreeMap<>();
        for (ShopCatalogue.Product p : shop.products()) {
            if (!p.onSale() || parents.contains(p.id())) {
                continue;
            }
            String code = khaos.policy().stockCodeFor(p.sku());
            CatalogueItem item = khaos.itemsByCode().get(code);
            if (item == null) {
                out.add(new AuditFinding(FindingKind.SKU_NOT_IN_KHAOS, p.sku(), p.name(), code.equals(p.sku()) ? ""
                        : "mapped to " + code + ", which Khaos does not have", String.join(" or ",
                        suggestions(liveCodes, khaos).nearest(p.sku(), 3).stream().map(c -> "map to " + c).toList())));
            } else if (item.deleted()) {
                out.add(new AuditFinding(FindingKind.MAPPED_TO_DELETED, p.sku(), p.name(), item.stockCode() + " (deleted)", ""));
            } else if (item.discontinued()) {
                out.add(new AuditFinding(FindingKind.MAPPED_TO_DISCONTINUED, p.sku(), p.name(), item.stockCode() + " (discontinued)", ""));
            } else if (item.runToZero() && !p.closeout()) {
                BigDecimal available = khaos.availableForWeb().apply(item.stockCode()).orElse(BigDecimal.ZERO);
                if (available.signum() <= 0) {
                    out.add(new AuditFinding(FindingKind.RUN_TO_ZERO_AT_ZERO, p.sku(), "on sale, not a closeout",
                            item.stockCode() + ": run to zero, " + available.stripTrailingZeros().toPlainString() + " available", ""));
                }
            }
            if (item != null && !item.deleted()) {
                money(p, item, khaos.priceTolerance(), out);
                if (item.taxRatePercent().isEmpty()) {
                    unknownCodes.computeIfAbsent(item.taxRateCode(), k -> new TreeSet<>()).add(item.stockCode());
                }
            }
            int longest = khaos.settings().nameLength();
            if (longest > 0 && p.name().length() > longest) {
                out.add(new AuditFinding(FindingKind.NAME_TOO_LONG, p.sku(), p.name().length() + " characters: "
                        + p.name().substring(0, Math.min(p.name().length(), 60)) + "…", "Khaos takes " + longest,
                        "shorten to " + longest + " characters"));
            }
        }
        // Khaos items sold with a tax code KHAOS_TAX_RATES does not give a percentage: their orders are held
        unknownCodes.forEach((code, items) -> out.add(new AuditFinding(FindingKind.TAX_RATE_UNKNOWN_TO_KHAOS, "tax code " + code, "",
                "Khaos tax code " + code + " (of " + String.join(", ", items.stream().limit(5).toList()) + (items.size() > 5
                        ? " and " + (items.size() - 5) + " more" : "") + ") has no percentage in KHAOS_TAX_RATES",
                "add " + code + "=<percent> to KHAOS_TAX_RATES")));
    }

    private static FixSuggestions.Index suggestions(FixSuggestions.Index[] made, KhaosSide khaos) {
        if (made[0] == null) {
            made[0] = new FixSuggestions.Index(khaos.itemsByCode().values().stream().filter(i -> !i.deleted())
                    .map(CatalogueItem::stockCode).sorted().toList());
        }
        return made[0];
    }

    /** The shop's gross price against Khaos's price for the web; the shop's tax rate against the item's tax code. */
    static void money(ShopCatalogue.Product p, CatalogueItem item, BigDecimal tolerance, List<AuditFinding> out) {
        if (p.taxRate().isPresent() && item.taxRatePercent().isPresent() && p.taxRate().get().compareTo(item.taxRatePercent().get()) != 0) {
            out.add(new AuditFinding(FindingKind.TAX_RATE_DIFFERS, p.sku(), plain(p.taxRate().get()) + "%",
                    item.stockCode() + ": tax code " + item.taxRateCode() + " = " + plain(item.taxRatePercent().get()) + "%", ""));
        }
        if (p.grossPrice().isEmpty()) {
            return;
        }
        if (item.listing().isEmpty()) {
            out.add(new AuditFinding(FindingKind.PRICE_NOT_KNOWN_YET, p.sku(), plain(p.grossPrice().get()),
                    item.stockCode() + ": last pushed before prices were kept", ""));
            return;
        }
        item.listing().get().shopPrice().ifPresent(khaosPrice -> {
            BigDecimal difference = p.grossPrice().get().subtract(khaosPrice.gross());
            if (difference.abs().compareTo(tolerance) > 0) {
                out.add(new AuditFinding(FindingKind.PRICE_DIFFERS, p.sku(), plain(p.grossPrice().get()),
                        item.stockCode() + ": " + plain(khaosPrice.gross()) + " (" + khaosPrice.kind().name().toLowerCase(Locale.ROOT)
                                .replace('_', ' ') + " price)", "the shop is " + plain(difference.abs())
                        + (difference.signum() > 0 ? " dearer" : " cheaper")));
            }
        });
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static void shippingMethods(ShopCatalogue shop, OrderTranslationPolicy policy, List<AuditFinding> out) {
        List<String> couriers = policy.couriers().values().stream().distinct().toList();
        for (ShopCatalogue.Method m : shop.shippingMethods()) {
            if (m.active() && policy.courierFor(m.technicalName(), m.name()).isEmpty()) {
                out.add(new AuditFinding(FindingKind.SHIPPING_METHOD_UNMAPPED, label(m), m.technicalName(), "no courier",
                        String.join(" or ", FixSuggestions.nearest(m.name(), couriers, 2).stream().map(c -> "map to courier " + c).toList())));
            }
        }
    }

    /**
     * As the translator takes a paid payment: its mapped card type, else its name if it fits; either must be 1 to 25
     * characters. An account method's orders go unpaid (on account) and need none.
     */
    static void paymentMethods(ShopCatalogue shop, OrderTranslationPolicy policy, List<AuditFinding> out) {
        for (ShopCatalogue.Method m : shop.paymentMethods()) {
            if (!m.active() || policy.isAccountPaymentMethod(m.technicalName())) {
                continue;
            }
            Optional<String> mapped = policy.cardTypeFor(m.technicalName());
            String sent = mapped.orElse(m.name().strip());
            if (sent.isEmpty() || sent.length() > CARD_TYPE) {
                out.add(new AuditFinding(FindingKind.PAYMENT_METHOD_UNMAPPED, label(m), m.technicalName(), mapped.isPresent()
                        ? "card type \"" + sent + "\" is " + sent.length() + " characters, Khaos takes " + CARD_TYPE
                        : "no card type; its name " + (sent.isEmpty() ? "is blank" : "is " + sent.length() + " characters") + ", Khaos takes "
                        + CARD_TYPE, ""));
            }
        }
    }

    static void taxRates(ShopCatalogue shop, TaxRateTable table, List<AuditFinding> out) {
        for (BigDecimal rate : new TreeSet<>(shop.taxRates())) {
            boolean known = table.asMap().values().stream().anyMatch(p -> p.compareTo(rate) == 0);
            if (!known) {
                out.add(new AuditFinding(FindingKind.TAX_RATE_UNKNOWN_TO_KHAOS, rate.stripTrailingZeros().toPlainString() + "%",
                        rate.stripTrailingZeros().toPlainString() + "%", "configured: " + table.asMap(), ""));
            }
        }
    }

    static void currencies(ShopCatalogue shop, OrderTranslationPolicy policy, List<AuditFinding> out) {
        for (String currency : new TreeSet<>(shop.currencies())) {
            if (!currency.toUpperCase(Locale.ROOT).equals(policy.currency().toUpperCase(Locale.ROOT))) {
                out.add(new AuditFinding(FindingKind.CURRENCY_NOT_TAKEN, currency, currency, "the channel takes " + policy.currency(), ""));
            }
        }
    }

    /**
     * Promotions in force that an order would be held for, as the translator takes them: each discount's scope must be
     * one spread over the lines ({@code KHAOS_PROMOTION_SCOPES}) or the promotion (by code, else the scope) mapped to a
     * Khaos non-stock item that Khaos has.
     */
    static void promotions(ShopCatalogue shop, KhaosSide khaos, List<AuditFinding> out) {
        OrderTranslationPolicy policy = khaos.policy();
        for (ShopCatalogue.Promotion promotion : shop.promotions()) {
            if (!promotion.inForce(shop.readAt())) {
                continue;
            }
            String subject = promotion.code().isBlank() ? promotion.name() : promotion.code();
            for (String scope : new TreeSet<>(promotion.scopes())) {
                if (policy.promotionScopes().contains(scope)) {
                    continue;
                }
                Optional<String> mapped = policy.promotionItemFor(promotion.code(), scope);
                Optional<CatalogueItem> item = mapped.map(code -> khaos.itemsByCode().get(code));
                if (mapped.isEmpty()) {
                    out.add(new AuditFinding(FindingKind.PROMOTION_UNMAPPED, subject, promotion.name() + ": discounts the " + scope,
                            "no rule (spread: " + new TreeSet<>(policy.promotionScopes()) + ")", "map " + subject
                            + " to a Khaos non-stock discount item"));
                } else if (item.isEmpty() || item.get().deleted() || item.get().stockControlled()) {
                    out.add(new AuditFinding(FindingKind.PROMOTION_UNMAPPED, subject, promotion.name() + ": discounts the " + scope,
                            "mapped to " + mapped.get() + (item.isEmpty() || item.get().deleted() ? ", which Khaos does not have"
                                    : ", a stock item"), "map it to a non-stock discount item"));
                }
            }
        }
    }

    /** What would make the shop's stock figure wrong: closeout flags, items the shop lacks, shared barcodes and codes. */
    static void stock(ShopCatalogue shop, KhaosSide khaos, List<AuditFinding> out) {
        Set<String> parents = parents(shop);
        Map<String, List<String>> productsByCode = new TreeMap<>();
        Map<String, List<String>> shopBarcodes = new TreeMap<>();
        Map<String, String> eanById = new HashMap<>();
        shop.products().forEach(p -> eanById.put(p.id(), p.ean().strip()));
        for (ShopCatalogue.Product p : shop.products()) {
            if (parents.contains(p.id())) {
                continue;
            }
            // a variant without an EAN of its own reads as its parent's (sw-inheritance): that is one barcode, not two
            boolean inherited = !p.parentId().isEmpty() && p.ean().strip().equals(eanById.getOrDefault(p.parentId(), ""));
            if (!p.ean().isBlank() && !inherited) {
                shopBarcodes.computeIfAbsent(p.ean().strip(), k -> new ArrayList<>()).add(p.sku());
            }
            String code = khaos.policy().stockCodeFor(p.sku());
            productsByCode.computeIfAbsent(code, k -> new ArrayList<>()).add(p.sku());
            CatalogueItem item = khaos.itemsByCode().get(code);
            if (p.onSale() && item != null && !item.deleted() && !item.discontinued() && item.runToZero() && !p.closeout()
                    && khaos.availableForWeb().apply(code).orElse(BigDecimal.ZERO).signum() > 0) {
                out.add(new AuditFinding(FindingKind.CLOSEOUT_DIFFERS, p.sku(), "not a closeout", code + ": run to zero", ""));
            }
            if (p.onSale() && item != null && !item.deleted()) {
                if (!item.stockControlled() && p.closeout() && !p.digital()) {
                    out.add(new AuditFinding(FindingKind.STOCK_CONTROL_DIFFERS, p.sku(), "a closeout: sells only its stock figure",
                            code + ": not stock-controlled, so Khaos sends no figure", ""));
                } else if (item.stockControlled() && p.digital()) {
                    out.add(new AuditFinding(FindingKind.STOCK_CONTROL_DIFFERS, p.sku(), "a download (nothing to despatch)",
                            code + ": stock-controlled, its figure is pushed to the shop", ""));
                }
            }
        }
        productsByCode.forEach((code, skus) -> {
            if (skus.size() > 1) {
                out.add(new AuditFinding(FindingKind.SKU_MAPPED_TWICE, code, String.join(", ", skus), code, ""));
            }
        });
        for (CatalogueItem item : khaos.itemsByCode().values()) {
            if (item.publishOnWeb() && !item.deleted() && !item.discontinued() && !productsByCode.containsKey(item.stockCode())) {
                out.add(new AuditFinding(FindingKind.WEB_ITEM_MISSING_IN_SHOP, item.stockCode(), "", item.description(), ""));
            }
        }
        Map<String, Set<String>> khaosBarcodes = new TreeMap<>();
        khaos.itemsByCode().values().stream().filter(i -> !i.deleted()).forEach(i -> i.listing().ifPresent(l -> l.barcodes()
                .forEach(b -> khaosBarcodes.computeIfAbsent(b.strip(), k -> new TreeSet<>()).add(i.stockCode()))));
        shopBarcodes.forEach((barcode, skus) -> {
            if (skus.size() > 1) {
                out.add(new AuditFinding(FindingKind.BARCODE_SHARED, barcode, "shop: " + String.join(", ", skus), "", ""));
            }
        });
        khaosBarcodes.forEach((barcode, codes) -> {
            if (codes.size() > 1) {
                out.add(new AuditFinding(FindingKind.BARCODE_SHARED, barcode, "", "Khaos: " + String.join(", ", codes), ""));
            }
        });
    }

    /** SKUs that nearly match a Khaos code, and parents matched in place of their variants. */
    static void dataQuality(ShopCatalogue shop, KhaosSide khaos, List<AuditFinding> out) {
        Map<String, String> codesByKey = new HashMap<>();
        Map<String, Set<String>> codesSharingAKey = new TreeMap<>();
        khaos.itemsByCode().values().stream().filter(i -> !i.deleted()).forEach(i -> {
            codesByKey.putIfAbsent(key(i.stockCode()), i.stockCode());
            codesSharingAKey.computeIfAbsent(key(i.stockCode()), k -> new TreeSet<>()).add(i.stockCode());
        });
        Map<String, Set<String>> skusSharingAKey = new TreeMap<>();
        shop.products().forEach(p -> skusSharingAKey.computeIfAbsent(key(p.sku()), k -> new TreeSet<>()).add(p.sku()));
        skusSharingAKey.values().stream().filter(skus -> skus.size() > 1).forEach(skus -> {
            String keep = skus.stream().filter(khaos.itemsByCode()::containsKey).findFirst().orElse(skus.iterator().next());
            out.add(new AuditFinding(FindingKind.SKU_NEAR_MATCH, String.join(" / ", skus), "shop products whose SKUs differ only by "
                    + "case, spaces or leading zeros", codesByKey.getOrDefault(key(keep), ""), "keep " + keep));
        });
        codesSharingAKey.values().stream().filter(codes -> codes.size() > 1).forEach(codes -> out.add(new AuditFinding(
                FindingKind.SKU_NEAR_MATCH, String.join(" / ", codes), "", "Khaos stock codes that differ only by case, spaces or "
                + "leading zeros", "")));
        Map<String, List<ShopCatalogue.Product>> variants = new HashMap<>();
        shop.products().stream().filter(p -> !p.parentId().isEmpty()).forEach(p -> variants.computeIfAbsent(p.parentId(), k -> new ArrayList<>()).add(p));
        for (ShopCatalogue.Product p : shop.products()) {
            String code = khaos.policy().stockCodeFor(p.sku());
            boolean known = khaos.itemsByCode().containsKey(code);
            if (!known && !variants.containsKey(p.id())) {
                String near = codesByKey.get(key(p.sku()));
                if (near != null) {
                    out.add(new AuditFinding(FindingKind.SKU_NEAR_MATCH, p.sku(), p.sku(), near, "map to " + near));
                }
            }
            if (known && variants.containsKey(p.id()) && variants.get(p.id()).stream()
                    .noneMatch(v -> khaos.itemsByCode().containsKey(khaos.policy().stockCodeFor(v.sku())))) {
                out.add(new AuditFinding(FindingKind.PARENT_MAPPED_INSTEAD, p.sku(), variants.get(p.id()).size() + " variant(s), none in Khaos",
                        code, ""));
            }
        }
    }

    /** A SKU as a person would read it: no case, no spaces, no leading zeros. */
    static String key(String sku) {
        return sku.toUpperCase(Locale.ROOT).replaceAll("\\s+", "").replaceFirst("^0+(?=.)", "");
    }

    private static Set<String> parents(ShopCatalogue shop) {
        Set<String> parents = new HashSet<>();
        shop.products().forEach(p -> {
            if (!p.parentId().isEmpty()) {
                parents.add(p.parentId());
            }
        });
        return parents;
    }

    private static String label(ShopCatalogue.Method m) {
        return m.name().isBlank() ? m.technicalName() : m.name();
    }
}
