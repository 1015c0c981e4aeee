package com.shopkhaos.model.order;

import java.math.BigDecimal;
import java.util.List;

/** A delivery of the order: how it is sent, what it costs (gross or net by the order's tax status), and where. */
public record ShopDelivery(String deliveryId, String methodTechnicalName, String methodName, BigDecimal cost,
                           List<TaxPortion> taxes, ShopStates.ShopDeliveryState state, ShopAddress address) {
    public ShopDelivery {
        methodTechnicalName = methodTechnicalName == null ? "" : methodTechnicalName;
        methodName = methodName == null ? "" : methodName;
        taxes = List.copyOf(taxes);
    }
}
