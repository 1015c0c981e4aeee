package com.shopkhaos.model.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount of money as people read it: at least two decimals, more only when it has them, never 1E+1. */
public final class MoneyText {
    private MoneyText() {
    }

    public static String plain(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
