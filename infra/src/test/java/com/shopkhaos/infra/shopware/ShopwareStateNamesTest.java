package com.shopkhaos.infra.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.despatch.ShopStates.DeliveryChange;
import com.shopkhaos.model.despatch.ShopStates.OrderChange;
import com.shopkhaos.model.despatch.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.despatch.ShopStates.ShopOrderState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Shopware's state machine names (core/Checkout/Order/OrderStates.php, OrderDeliveryStates.php, StateMachineTransitionActions.php). */
class ShopwareStateNamesTest {

    @Test
    void everyOrderAndDeliveryStateShopwareNames_isReadIntoTheCoresWords_andANewOneIsLeftAlone() {
        assertThat(Arrays.asList("open", "in_progress", "completed", "cancelled", "some_state_of_a_plugin"))
                .extracting(ShopwareStateNames::orderState).containsExactly(ShopOrderState.OPEN, ShopOrderState.IN_PROGRESS,
                        ShopOrderState.COMPLETED, ShopOrderState.CANCELLED, ShopOrderState.OTHER);
        assertThat(Arrays.asList("open", "shipped_partially", "shipped", "returned_partially", "returned", "cancelled", ""))
                .extracting(ShopwareStateNames::deliveryState).containsExactly(ShopDeliveryState.OPEN,
                        ShopDeliveryState.SHIPPED_PARTIALLY, ShopDeliveryState.SHIPPED, ShopDeliveryState.RETURNED_PARTIALLY,
                        ShopDeliveryState.RETURNED, ShopDeliveryState.CANCELLED, ShopDeliveryState.OTHER);
    }

    @Test
    void everyChangeTheCoreDecides_isSentAsShopwaresTransitionAction() {
        assertThat(Arrays.stream(DeliveryChange.values()).map(ShopwareStateNames::action))
                .containsExactly("ship", "ship_partially", "cancel");
        assertThat(Arrays.stream(OrderChange.values()).map(ShopwareStateNames::action))
                .containsExactly("process", "complete", "cancel");
    }
}
