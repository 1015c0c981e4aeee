package com.shopkhaos.simulators.shopware;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A promotion code of the simulated shop.
 *
 * @param discountType  {@code percentage} or {@code absolute}
 * @param discountScope {@code cart} or {@code setgroup} (buy N, the cheapest {@code value}% off)
 * @param groupSize     for a setgroup: how many units make a set (the cheapest one of each set is discounted)
 * @param eligibleSkus  for a setgroup: the SKUs that count towards a set
 */
public record SimPromotion(String id, String code, String name, String discountType, String discountScope,
                           BigDecimal value, int groupSize, Set<String> eligibleSkus) {

    /**
     * The scope as Shopware writes it, on the discount and in an order's promotion line: a set group's is
     * {@code setgroup-<group id>} ({@code PromotionDiscountEntity::isScopeSetGroup} matches on the prefix).
     */
    public String shopwareScope() {
        return discountScope.equals("setgroup") ? "setgroup-" + java.util.UUID.nameUUIDFromBytes((id + "#group")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", "") : discountScope;
    }
}
