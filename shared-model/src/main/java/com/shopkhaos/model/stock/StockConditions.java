package com.shopkhaos.model.stock;

import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The stock conditions kept in front of people, and what their exception subjects name (typed values, never parsed
 * back from text). A condition of Khaos alone ({@code STOCK_NEGATIVE_IN_KHAOS}, {@code STOCK_FOR_UNKNOWN_CODE}) names
 * the stock code. A condition of one shop names the shop and the shop SKU (or, for {@code WEB_ITEM_NOT_IN_SHOP}, the
 * Khaos stock code missing there); people see it as {@code <shop id>:<what>}, e.g. {@code sandboxShop00001:MUG-STONE-BLU}.
 * Subjects raised before they named the shop name none.
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

    private StockConditions() {
    }

    /** The subject of a condition of kind {@code type}: {@code what} in shop {@code shopId}, empty for Khaos's own. */
    public static ExceptionSubject subject(ExceptionType type, String shopId, String what) {
        return ExceptionRecord.stockSubject(type, shopId, what);
    }

    /** The shop a condition's subject names; empty for one that names none (Khaos's own, or raised before subjects named it). */
    public static Optional<String> shopOf(ExceptionSubject about) {
        String shopId = ExceptionRecord.shopOf(about);
        return shopId.isEmpty() ? Optional.empty() : Optional.of(shopId);
    }
}
