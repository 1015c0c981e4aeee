package com.shopkhaos.model.stock;

import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The stock conditions kept in front of people, and what their exception subjects name. A condition of Khaos alone
 * ({@code STOCK_NEGATIVE_IN_KHAOS}, {@code STOCK_FOR_UNKNOWN_CODE}) names the stock code. A condition of one shop
 * names the shop and then the shop SKU (or, for {@code WEB_ITEM_NOT_IN_SHOP}, the Khaos stock code missing there):
 * {@code <shop id>:<what>}, e.g. {@code sandboxShop00001:MUG-STONE-BLU}. A shop id never holds a colon, so the first
 * one separates the two. Subjects raised before they named the shop are the bare SKU or code.
 */
public final class StockConditions {
    /** Every kind the reconcile raises or resolves. */
    public static final Set<ExceptionType> ALL = EnumSet.of(ExceptionType.STOCK_NEGATIVE_IN_KHAOS,
            ExceptionType.STOCK_FOR_UNKNOWN_CODE, ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, ExceptionType.WEB_ITEM_NOT_IN_SHOP,
            ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, ExceptionType.STOCK_PUSH_REFUSED);
    /** The kinds about one shop: their subjects name it. */
    public static final Set<ExceptionType> OF_ONE_SHOP = EnumSet.of(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS,
            ExceptionType.WEB_ITEM_NOT_IN_SHOP, ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK,
            ExceptionType.STOCK_PUSH_REFUSED);
    private static final char SEPARATOR = ':';

    private StockConditions() {
    }

    /** The subject of a condition of one shop: {@code <shop id>:<SKU or stock code>}. */
    public static String subject(String shopId, String what) {
        if (shopId.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a shop id holds no '" + SEPARATOR + "', was " + shopId);
        }
        return shopId + SEPARATOR + what;
    }

    /** The shop a condition's subject names; empty for a subject that names none (raised before subjects named it). */
    public static Optional<String> shopOf(String subject) {
        int at = subject.indexOf(SEPARATOR);
        return at > 0 ? Optional.of(subject.substring(0, at)) : Optional.empty();
    }

    /** The SKU or stock code a condition's subject names, without its shop. */
    public static String what(String subject) {
        int at = subject.indexOf(SEPARATOR);
        return at > 0 ? subject.substring(at + 1) : subject;
    }
}
