package com.shopkhaos.model.order;

import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.MappingKind;
import com.shopkhaos.model.exceptionledger.MissingMapping;
import com.shopkhaos.model.khaos.CatalogueItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns a shop order into a Khaos sales order, or says exactly why it cannot go: SKU → stock code
 * (sellable in the Khaos catalogue), promotions → per-line value discounts at each line's own VAT rate,
 * delivery method → courier, addresses fitted to Khaos's limits without losing a character, payments,
 * and a VAT and totals check with Khaos as the authority on tax rates. Pure: no I/O.
 */
public final class OrderTranslator {
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final BigDecimal PENNY = new BigDecimal("0.01");
    static final BigDecimal HALF_PENNY = new BigDecimal("0.005");
    static final int LINE = 35;
    static final int POSTCODE = 10;
    static final int NAME = 50;
    static final int EMAIL = 100;
    static final int PHONE = 25;
    static final int CARD_TYPE = 25;
    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");

    /** The outcome: a sales order, or the problems (never both). */
    public record Result(Optional<KhaosSalesOrder> salesOrder, List<OrderProblem> problems) {
        public boolean ready() {
            return salesOrder.isPresent();
        }
    }

    /** A product line on its way: its stock code, Khaos's VAT rate and its gross value and discount. */
    private static final class Draft {
        final ShopLine line;
        final String stockCode;
        final BigDecimal rate;
        final BigDecimal lineGross;
        final BigDecimal unitGross;
        /** A promotion sent as a Khaos non-stock item: one unit of it, at a negative price. */
        final boolean promotionItem;
        BigDecimal discount = BigDecimal.ZERO;

        Draft(ShopLine line, String stockCode, BigDecimal rate, BigDecimal lineGross, BigDecimal unitGross) {
            this(line, stockCode, rate, lineGross, unitGross, false);
        }

        Draft(ShopLine line, String stockCode, BigDecimal rate, BigDecimal lineGross, BigDecimal unitGross, boolean promotionItem) {
            this.line = line;
            this.stockCode = stockCode;
            this.rate = rate;
            this.lineGross = lineGross;
            this.unitGross = unitGross;
            this.promotionItem = promotionItem;
        }

        String sku() {
            return promotionItem ? stockCode : line.sku();
        }

        int quantity() {
            return promotionItem ? 1 : line.quantity();
        }
    }

    private final Map<String, OrderProblem> problems = new LinkedHashMap<>();
    private Function<String, Optional<BigDecimal>> runToZeroStock = code -> Optional.empty();
    /** Promotions sent as a Khaos non-stock item (a PROMOTION mapping), added to the lines once products are placed. */
    private final List<Draft> promotionItems = new ArrayList<>();

    private OrderTranslator() {
    }

    /** With no stock figures: a run-to-zero item holds the order (its stock cannot be confirmed). */
    public static Result translate(ShopOrder order, OrderTranslationPolicy policy,
                                   Function<String, Optional<CatalogueItem>> catalogue) {
        return translate(order, policy, catalogue, code -> Optional.empty());
    }

    /**
     * @param runToZeroStock what Khaos last reported available of a stock code (at the order's site); asked only
     *                       for run-to-zero items, which Khaos sells only while it has them
     */
    public static Result translate(ShopOrder order, OrderTranslationPolicy policy,
                                   Function<String, Optional<CatalogueItem>> catalogue,
                                   Function<String, Optional<BigDecimal>> runToZeroStock) {
        OrderTranslator translator = new OrderTranslator();
        translator.runToZeroStock = runToZeroStock;
        return translator.run(order, policy, catalogue);
    }

    private void problem(ExceptionType type, String key, String reason) {
        problems.putIfAbsent(type + "/" + key, new OrderProblem(type, key, reason));
    }

    /** A problem a mapping would cure. */
    private void problem(ExceptionType type, String key, String reason, MissingMapping missing) {
        problems.putIfAbsent(type + "/" + key, new OrderProblem(type, key, reason, Optional.of(missing)));
    }

    private Result run(ShopOrder order, OrderTranslationPolicy policy, Function<String, Optional<CatalogueItem>> catalogue) {
        if (!policy.currency().equalsIgnoreCase(order.currency())) {
            problem(ExceptionType.CURRENCY_NOT_SUPPORTED, "currency-" + order.currency(),
                    "the order is in " + order.currency() + "; the channel takes " + policy.currency());
        }
        List<Draft> drafts = products(order, policy, catalogue);
        // a line that could not be placed (unknown, deleted, discontinued …) would make every sum below look wrong
        // too; those checks run again on the retry once the line is fixed, so its problem stands alone meanwhile
        boolean everyLinePlaced = drafts.size() == order.lines().stream().filter(l -> l.kind() == ShopLine.LineKind.PRODUCT).count();
        if (everyLinePlaced) {
            applyPromotions(order, policy, drafts, catalogue);
            drafts = new ArrayList<>(drafts);
            drafts.addAll(promotionItems);
        }
        Optional<ShopDelivery> delivery = order.deliveries().stream().findFirst();
        String courier = courier(delivery, policy);
        BigDecimal deliveryGross = delivery.isEmpty() ? BigDecimal.ZERO : gross(order.taxStatus(), order.shippingTotal(),
                delivery.get().taxes());
        Map<BigDecimal, BigDecimal> deliveryVat = delivery.map(d -> deliveryVat(order.taxStatus(), d)).orElse(Map.of());
        if (everyLinePlaced) {
            checkVat(order, drafts, deliveryVat);
            checkTotal(order, drafts, deliveryGross);
        }

        ShopAddress deliveryAddress = delivery.map(ShopDelivery::address).orElse(order.billing());
        KhaosSalesOrder.Address invoice = address(order.billing(), "invoice");
        KhaosSalesOrder.Address shipTo = address(deliveryAddress == null ? order.billing() : deliveryAddress, "delivery");
        KhaosSalesOrder.Contact invoiceContact = contact(order.billing(), order.customer().email(), "invoice");
        KhaosSalesOrder.Contact deliveryContact = contact(deliveryAddress == null ? order.billing() : deliveryAddress,
                order.customer().email(), "delivery");
        List<KhaosSalesOrder.Payment> payments = new ArrayList<>();
        boolean onAccount = payments(order, policy, payments);
        String companyName = order.billing().company();
        if (companyName.length() > NAME) {
            problem(ExceptionType.ADDRESS_INVALID, "company-name", "the company name is " + companyName.length()
                    + " characters; Khaos takes " + NAME);
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(problems.values()));
        }
        List<KhaosSalesOrder.Line> lines = drafts.stream().map(d -> new KhaosSalesOrder.Line(d.stockCode, d.sku(),
                d.quantity(), d.unitGross, d.discount, d.rate, d.line.lineId(), d.line.label())).toList();
        LocalDateTime orderDate = LocalDateTime.ofInstant(order.placedAt(), SHOP_ZONE).withNano(0);
        return new Result(Optional.of(new KhaosSalesOrder(order.orderNumber(), orderDate, order.orderId(),
                policy.companyClass(), policy.currency(), companyName, order.taxStatus() == TaxStatus.TAX_FREE, invoice,
                invoiceContact, shipTo, deliveryContact, policy.site(), policy.salesSource(), courier, money(deliveryGross),
                money(deliveryVat.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)), money(order.amountTotal()),
                lines, payments, onAccount, order.customer().customerNumber())), List.of());
    }

    private List<Draft> products(ShopOrder order, OrderTranslationPolicy policy, Function<String, Optional<CatalogueItem>> catalogue) {
        List<Draft> drafts = new ArrayList<>();
        boolean anyProduct = false;
        for (ShopLine line : order.lines()) {
            if (line.kind() == ShopLine.LineKind.OTHER) {
                problem(ExceptionType.ORDER_INVALID, "line-kind-" + line.lineId(),
                        "line \"" + line.label() + "\" is not a product or a promotion, which Khaos cannot take");
                continue;
            }
            if (line.kind() != ShopLine.LineKind.PRODUCT) {
                continue;
            }
            anyProduct = true;
            if (!line.productKnown() || line.sku().isEmpty()) {
                problem(ExceptionType.ORDER_INVALID, "deleted-product-" + line.lineId(),
                        "line \"" + line.label() + "\" refers to a product that was deleted in the shop");
                continue;
            }
            if (line.quantity() <= 0) {
                problem(ExceptionType.ORDER_INVALID, "quantity-" + line.sku(), line.sku() + " has quantity " + line.quantity());
                continue;
            }
            if (line.unitPrice().signum() < 0) {
                problem(ExceptionType.ORDER_INVALID, "negative-price-" + line.sku(), line.sku() + " has a negative price");
                continue;
            }
            String code = policy.stockCodeFor(line.sku());
            Optional<CatalogueItem> item = catalogue.apply(code);
            String via = code.equals(line.sku()) ? "" : " (mapped to Khaos code " + code + ")";
            if (item.isEmpty()) {
                problem(ExceptionType.UNKNOWN_SKU, line.sku(), "Khaos Control has no stock code " + code + " for SKU "
                        + line.sku() + via + " (\"" + line.label() + "\")", MissingMapping.of(MappingKind.SKU, line.sku()));
                continue;
            }
            if (item.get().deleted()) {
                problem(ExceptionType.DELETED_ITEM, line.sku(), "Khaos item " + code + via + " was deleted in Khaos",
                        MissingMapping.of(MappingKind.SKU, line.sku()));
                continue;
            }
            if (item.get().discontinued()) {
                problem(ExceptionType.DISCONTINUED_ITEM, line.sku(), "Khaos item " + code + via + " is discontinued",
                        MissingMapping.of(MappingKind.SKU, line.sku()));
                continue;
            }
            if (item.get().runToZero() && !inStock(order, policy, code)) {
                Optional<BigDecimal> available = runToZeroStock.apply(code);
                problem(ExceptionType.RUN_TO_ZERO_OUT_OF_STOCK, line.sku(), "Khaos item " + code + via + " is run-to-zero and "
                        + available.map(a -> "Khaos has " + plain(a) + " available, the order wants " + wanted(order, policy, code))
                        .orElse("Khaos has not reported its stock"), MissingMapping.of(MappingKind.SKU, line.sku()));
                continue;
            }
            if (item.get().taxRatePercent().isEmpty()) {
                problem(ExceptionType.UNKNOWN_TAX_RATE_CODE, "tax-code-" + item.get().taxRateCode(), "Khaos item " + code
                        + " has tax rate code \"" + item.get().taxRateCode() + "\", which has no percentage in KHAOS_TAX_RATES");
                continue;
            }
            BigDecimal rate = item.get().taxRatePercent().get();
            if (order.taxStatus() != TaxStatus.TAX_FREE && rate.compareTo(line.rate()) != 0) {
                problem(ExceptionType.VAT_MISMATCH, "rate-" + line.sku(), line.sku() + " is charged " + plain(line.rate())
                        + "% VAT in the shop but Khaos item " + code + " is " + plain(rate) + "%");
                continue;
            }
            BigDecimal lineGross = gross(order.taxStatus(), line.totalPrice(), line.taxes());
            BigDecimal unitGross = order.taxStatus() == TaxStatus.NET
                    ? lineGross.divide(BigDecimal.valueOf(line.quantity()), 4, RoundingMode.HALF_UP)
                    : line.unitPrice();
            drafts.add(new Draft(line, code, rate, lineGross, unitGross));
        }
        if (!anyProduct) {
            problem(ExceptionType.ORDER_INVALID, "no-products", "the order has no product lines (only discounts or other lines)");
        }
        return drafts;
    }

    /** Run-to-zero: Khaos sells it only while it has it, so all the order wants of the code must be available. */
    private boolean inStock(ShopOrder order, OrderTranslationPolicy policy, String code) {
        return runToZeroStock.apply(code).map(a -> a.compareTo(BigDecimal.valueOf(wanted(order, policy, code))) >= 0).orElse(false);
    }

    private static long wanted(ShopOrder order, OrderTranslationPolicy policy, String code) {
        return order.lines().stream().filter(l -> l.kind() == ShopLine.LineKind.PRODUCT && policy.stockCodeFor(l.sku()).equals(code))
                .mapToLong(ShopLine::quantity).sum();
    }

    /**
     * A promotion mapped to a Khaos non-stock item: one line of that item per VAT rate the shop discounted at, at minus
     * the discount (gross). Khaos charges the item's own tax code, so the VAT check still compares what Khaos will work
     * out with what the shop charged: a discount at another rate than the item's holds the order for finance.
     */
    private void asPromotionItem(ShopOrder order, ShopLine promotion, String name, String code,
                                 Function<String, Optional<CatalogueItem>> catalogue) {
        Optional<CatalogueItem> item = catalogue.apply(code);
        if (item.isEmpty() || item.get().deleted()) {
            problem(ExceptionType.UNMAPPED_PROMOTION, "promotion-" + name, "promotion " + name + " is mapped to Khaos item "
                    + code + ", which Khaos does not have", promotionMapping(promotion, name));
            return;
        }
        if (item.get().stockControlled()) {
            problem(ExceptionType.UNMAPPED_PROMOTION, "promotion-" + name, "promotion " + name + " is mapped to Khaos item "
                    + code + ", which is a stock item; map it to a non-stock discount item", promotionMapping(promotion, name));
            return;
        }
        Optional<BigDecimal> rate = item.get().taxRatePercent();
        if (rate.isEmpty()) {
            problem(ExceptionType.UNKNOWN_TAX_RATE_CODE, "promotion-item-" + code, "Khaos item " + code + " has tax code "
                    + item.get().taxRateCode() + ", which has no percentage in KHAOS_TAX_RATES");
            return;
        }
        List<TaxPortion> portions = promotion.taxes().isEmpty()
                ? List.of(new TaxPortion(BigDecimal.ZERO, BigDecimal.ZERO, promotion.totalPrice())) : promotion.taxes();
        for (TaxPortion portion : portions) {
            BigDecimal amount = portion.price().abs();
            if (amount.signum() == 0) {
                continue;
            }
            BigDecimal gross = money(order.taxStatus() == TaxStatus.NET ? amount.add(vatOnNet(amount, portion.rate())) : amount);
            promotionItems.add(new Draft(promotion, code, rate.get(), gross.negate(), gross.negate(), true));
        }
    }

    /** Each promotion's discount at each VAT rate is spread over the product lines at that rate, in proportion. */
    private void applyPromotions(ShopOrder order, OrderTranslationPolicy policy, List<Draft> drafts,
                                 Function<String, Optional<CatalogueItem>> catalogue) {
        for (ShopLine promotion : order.lines()) {
            if (promotion.kind() != ShopLine.LineKind.PROMOTION) {
                continue;
            }
            String name = promotion.promotionCode().isEmpty() ? promotion.label() : promotion.promotionCode();
            Optional<String> item = policy.promotionScopes().contains(promotion.discountScope()) ? Optional.empty()
                    : policy.promotionItemFor(promotion.promotionCode(), promotion.discountScope());
            if (item.isPresent()) {
                asPromotionItem(order, promotion, name, item.get(), catalogue);
                continue;
            }
            if (!policy.promotionScopes().contains(promotion.discountScope())) {
                problem(ExceptionType.UNMAPPED_PROMOTION, "promotion-" + name, "promotion " + name + " discounts the "
                        + (promotion.discountScope().isEmpty() ? "order in an unknown way" : promotion.discountScope())
                        + ", which has no rule (allowed: " + new TreeSet<>(policy.promotionScopes()) + ")",
                        promotionMapping(promotion, name));
                continue;
            }
            List<TaxPortion> portions = promotion.taxes().isEmpty()
                    ? List.of(new TaxPortion(BigDecimal.ZERO, BigDecimal.ZERO, promotion.totalPrice())) : promotion.taxes();
            for (TaxPortion portion : portions) {
                BigDecimal amount = portion.price().abs();
                if (amount.signum() == 0) {
                    continue;
                }
                BigDecimal discount = order.taxStatus() == TaxStatus.NET
                        ? amount.add(vatOnNet(amount, portion.rate())) : amount;
                List<Draft> targets = drafts.stream().filter(d -> order.taxStatus() == TaxStatus.TAX_FREE
                        || d.rate.compareTo(portion.rate()) == 0).toList();
                if (targets.isEmpty()) {
                    problem(ExceptionType.UNMAPPED_PROMOTION, "promotion-" + name + "-" + plain(portion.rate()),
                            "promotion " + name + " discounts goods at " + plain(portion.rate()) + "% VAT, but no product "
                                    + "sent to Khaos is at that rate");
                    continue;
                }
                spread(discount, targets);
            }
        }
        for (Draft d : drafts) {
            if (d.discount.compareTo(d.lineGross) > 0) {
                problem(ExceptionType.ORDER_INVALID, "discount-" + d.line.sku(), "the discount on " + d.line.sku()
                        + " is more than the line is worth");
            }
        }
    }

    private static void spread(BigDecimal discount, List<Draft> targets) {
        BigDecimal weight = targets.stream().map(d -> d.lineGross).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal given = BigDecimal.ZERO;
        for (int i = 0; i < targets.size(); i++) {
            Draft d = targets.get(i);
            BigDecimal share = i == targets.size() - 1 || weight.signum() == 0
                    ? discount.subtract(given)
                    : discount.multiply(d.lineGross).divide(weight, 2, RoundingMode.HALF_UP);
            d.discount = money(d.discount.add(share));
            given = given.add(share);
        }
    }

    /** A promotion is mapped by its code (or its label, without one) or by its discount scope. */
    private static MissingMapping promotionMapping(ShopLine promotion, String name) {
        return MissingMapping.of(MappingKind.PROMOTION, name, promotion.discountScope());
    }

    private String courier(Optional<ShopDelivery> delivery, OrderTranslationPolicy policy) {
        if (delivery.isEmpty()) {
            return "";
        }
        ShopDelivery d = delivery.get();
        Optional<String> courier = policy.courierFor(d.methodTechnicalName(), d.methodName());
        if (courier.isEmpty()) {
            String method = d.methodTechnicalName().isEmpty() ? d.methodName() : d.methodTechnicalName();
            problem(ExceptionType.UNMAPPED_DELIVERY_METHOD, "delivery-" + method, "delivery method \"" + d.methodName()
                    + "\"" + (d.methodTechnicalName().isEmpty() ? "" : " (" + d.methodTechnicalName() + ")")
                    + " has no Khaos courier", MissingMapping.of(MappingKind.COURIER, d.methodTechnicalName(), d.methodName()));
            return "";
        }
        return courier.get();
    }

    /** VAT Khaos will hold for each rate, against the shop's: within max(1p, ½p × lines at that rate). */
    private void checkVat(ShopOrder order, List<Draft> drafts, Map<BigDecimal, BigDecimal> deliveryVat) {
        if (order.taxStatus() == TaxStatus.TAX_FREE) {
            BigDecimal charged = order.taxes().stream().map(TaxPortion::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (charged.signum() != 0) {
                problem(ExceptionType.VAT_MISMATCH, "vat-tax-free", "the order is tax-free but the shop charged "
                        + plain(charged) + " VAT");
            }
            return;
        }
        Map<BigDecimal, BigDecimal> ours = new TreeMap<>();
        Map<BigDecimal, Integer> lines = new TreeMap<>();
        for (Draft d : drafts) {
            BigDecimal grossAfter = d.lineGross.subtract(d.discount);
            ours.merge(key(d.rate), vatInGross(grossAfter, d.rate), BigDecimal::add);
            lines.merge(key(d.rate), 1, Integer::sum);
        }
        deliveryVat.forEach((rate, vat) -> {
            ours.merge(key(rate), vat, BigDecimal::add);
            lines.merge(key(rate), 1, Integer::sum);
        });
        Map<BigDecimal, BigDecimal> shop = new TreeMap<>();
        order.taxes().forEach(t -> shop.merge(key(t.rate()), t.tax(), BigDecimal::add));
        TreeSet<BigDecimal> rates = new TreeSet<>(ours.keySet());
        rates.addAll(shop.keySet());
        for (BigDecimal rate : rates) {
            BigDecimal mine = ours.getOrDefault(rate, BigDecimal.ZERO);
            BigDecimal theirs = shop.getOrDefault(rate, BigDecimal.ZERO);
            BigDecimal tolerance = PENNY.max(HALF_PENNY.multiply(BigDecimal.valueOf(lines.getOrDefault(rate, 0))));
            if (mine.subtract(theirs).abs().compareTo(tolerance) > 0) {
                problem(ExceptionType.VAT_MISMATCH, "vat-" + plain(rate), "VAT at " + plain(rate) + "%: the shop charged "
                        + plain(theirs) + ", Khaos will calculate " + plain(mine) + " (allowed difference " + plain(tolerance) + ")");
            }
        }
    }

    /**
     * The lines, discounts and delivery add up to the order's total. A gross order's do exactly. A net order's total is its
     * net plus the shop's VAT, and its lines each carry their own VAT rounded: a shop that rounds VAT once per rate
     * (Shopware's vertical tax calculation) differs from them by at most ½p per position, which GrossTotal lets Khaos
     * correct; beyond that the total is wrong.
     */
    private void checkTotal(ShopOrder order, List<Draft> drafts, BigDecimal deliveryGross) {
        if (!problems.isEmpty()) {
            return;
        }
        BigDecimal total = drafts.stream().map(d -> d.lineGross.subtract(d.discount)).reduce(deliveryGross, BigDecimal::add);
        BigDecimal difference = total.subtract(order.amountTotal()).abs();
        boolean wrong = order.taxStatus() == TaxStatus.NET
                ? difference.compareTo(HALF_PENNY.multiply(BigDecimal.valueOf(drafts.size() + (deliveryGross.signum() == 0 ? 0 : 1)))) > 0
                : difference.compareTo(HALF_PENNY) >= 0;
        if (wrong) {
            problem(ExceptionType.TOTALS_MISMATCH, "total", "lines, discounts and delivery come to " + plain(money(total))
                    + " but the order total is " + plain(order.amountTotal()));
        }
    }

    private static Map<BigDecimal, BigDecimal> deliveryVat(TaxStatus status, ShopDelivery delivery) {
        Map<BigDecimal, BigDecimal> vat = new TreeMap<>();
        if (status == TaxStatus.TAX_FREE) {
            return vat;
        }
        for (TaxPortion portion : delivery.taxes()) {
            BigDecimal v = status == TaxStatus.NET ? vatOnNet(portion.price(), portion.rate())
                    : vatInGross(portion.price(), portion.rate());
            vat.merge(key(portion.rate()), v, BigDecimal::add);
        }
        return vat;
    }

    /** The gross value of an amount stated as the order states its prices. */
    private static BigDecimal gross(TaxStatus status, BigDecimal amount, List<TaxPortion> taxes) {
        if (status != TaxStatus.NET) {
            return amount;
        }
        BigDecimal vat = BigDecimal.ZERO;
        for (TaxPortion t : taxes) {
            vat = vat.add(vatOnNet(t.price(), t.rate()));
        }
        return amount.add(vat);
    }

    /** UK VAT in a gross amount, to the nearest penny. */
    /** The VAT in a gross amount at a rate, to the penny. */
    public static BigDecimal vatInGross(BigDecimal gross, BigDecimal rate) {
        return gross.multiply(rate).divide(HUNDRED.add(rate), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal vatOnNet(BigDecimal net, BigDecimal rate) {
        return net.multiply(rate).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    private KhaosSalesOrder.Address address(ShopAddress a, String which) {
        List<String> lines = new ArrayList<>();
        for (String given : List.of(a.street(), a.line2(), a.line3())) {
            if (!given.isEmpty()) {
                lines.addAll(wrap(given));
            }
        }
        if (a.street().isEmpty()) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-street", "the " + which + " address has no street");
        } else if (lines.size() > 3 || lines.stream().anyMatch(l -> l.length() > LINE)) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-lines", "the " + which + " address does not fit three lines of "
                    + LINE + " characters");
        }
        if (a.town().isEmpty() || a.town().length() > LINE) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-town", "the " + which + " town is "
                    + (a.town().isEmpty() ? "missing" : a.town().length() + " characters; Khaos takes " + LINE));
        }
        if (a.postcode().length() > POSTCODE) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-postcode", "the " + which + " postcode is " + a.postcode().length()
                    + " characters; Khaos takes " + POSTCODE);
        }
        if (a.countryIso().isEmpty()) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-country", "the " + which + " address has no country");
        }
        if (a.company().length() > NAME) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-organisation", "the " + which + " company is "
                    + a.company().length() + " characters; Khaos takes " + NAME);
        }
        if (a.phone().length() > PHONE) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-phone", "the " + which + " phone number is " + a.phone().length()
                    + " characters; Khaos takes " + PHONE);
        }
        while (lines.size() < 3) {
            lines.add("");
        }
        return new KhaosSalesOrder.Address(lines.get(0), lines.get(1), lines.get(2), a.town(), a.postcode(), a.countryIso(),
                a.company(), a.phone());
    }

    /** Splits a line longer than 35 characters at spaces; a word longer than 35 stays whole (and is refused). */
    static List<String> wrap(String text) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > LINE) {
            int cut = rest.lastIndexOf(' ', LINE);
            if (cut <= 0) {
                out.add(rest);
                return out;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut + 1).strip();
        }
        out.add(rest);
        return out;
    }

    private KhaosSalesOrder.Contact contact(ShopAddress a, String email, String which) {
        if (a.firstName().isEmpty() && a.lastName().isEmpty()) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-name", "the " + which + " contact has no name");
        }
        if (a.firstName().length() > NAME || a.lastName().length() > NAME) {
            problem(ExceptionType.ADDRESS_INVALID, which + "-name", "the " + which + " contact's name is longer than " + NAME
                    + " characters");
        }
        String mail = email == null ? "" : email.strip();
        if (mail.length() > EMAIL) {
            problem(ExceptionType.ADDRESS_INVALID, "email", "the email address is longer than " + EMAIL + " characters");
        }
        return new KhaosSalesOrder.Contact(a.firstName(), a.lastName(), mail, a.phone());
    }

    /** Card payments taken or reserved; answers whether the order is on account (an account payment method, unpaid). */
    private boolean payments(ShopOrder order, OrderTranslationPolicy policy, List<KhaosSalesOrder.Payment> out) {
        boolean onAccount = false;
        for (ShopPayment p : order.payments()) {
            if (p.isPaid() || p.isAuthorized()) {
                Optional<String> cardType = policy.cardTypeFor(p.methodTechnicalName())
                        .or(() -> p.methodName().length() <= CARD_TYPE && !p.methodName().isBlank()
                                ? Optional.of(p.methodName()) : Optional.empty());
                if (cardType.isEmpty() || cardType.get().length() > CARD_TYPE) {
                    problem(ExceptionType.UNMAPPED_PAYMENT_METHOD, "payment-" + p.methodTechnicalName(), "payment method \""
                            + p.methodName() + "\" has no card type of at most " + CARD_TYPE + " characters");
                    continue;
                }
                out.add(new KhaosSalesOrder.Payment(money(p.amount()), cardType.get(), p.isAuthorized(), p.transactionId(),
                        p.transactionId()));
            } else if (policy.accountPaymentMethods().contains(p.methodTechnicalName())) {
                onAccount = true;
            }
        }
        return onAccount;
    }

    private static BigDecimal key(BigDecimal rate) {
        return rate.stripTrailingZeros().setScale(Math.max(0, rate.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
