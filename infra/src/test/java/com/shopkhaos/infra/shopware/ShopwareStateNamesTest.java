package com.shopkhaos.infra.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.order.ShopStates.DeliveryChange;
import com.shopkhaos.model.order.ShopStates.OrderChange;
import com.shopkhaos.model.order.ShopStates.ShopDeliveryState;
import com.shopkhaos.model.order.ShopStates.ShopOrderState;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Shopware's state machine names (core/Checkout/Order/OrderStates.php, OrderDeliveryStates.php,
 * Aggregate/OrderTransaction/OrderTransactionStates.php, StateMachineTransitionActions.php).
 */
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
    void aPaymentCountsAsPaidOnlyWhenShopwareSaysPaidOrPaidPartially_andAuthorizedIsItsOwnState() {
        assertThat(Arrays.asList("open", "authorized", "paid_partially", "paid", "refunded_partially", "refunded", "cancelled",
                "failed", "reminded", "chargeback", "unconfirmed", "in_progress"))
                .extracting(ShopwareStateNames::paymentState).containsExactly(ShopPaymentState.OPEN, ShopPaymentState.AUTHORIZED,
                        ShopPaymentState.PAID_PARTIALLY, ShopPaymentState.PAID, ShopPaymentState.REFUNDED_PARTIALLY,
                        ShopPaymentState.REFUNDED, ShopPaymentState.CANCELLED, ShopPaymentState.FAILED, ShopPaymentState.OTHER,
                        ShopPaymentState.CHARGEBACK, ShopPaymentState.OTHER, ShopPaymentState.OTHER);
        assertThat(Arrays.stream(ShopPaymentState.values()).filter(ShopPaymentState::isPaid))
                .containsExactly(ShopPaymentState.PAID_PARTIALLY, ShopPaymentState.PAID);
    }

    @Test
    void everyChangeTheCoreDecides_isSentAsShopwaresTransitionAction() {
        assertThat(Arrays.stream(DeliveryChange.values()).map(ShopwareStateNames::action))
                .containsExactly("ship", "ship_partially", "cancel");
        assertThat(Arrays.stream(OrderChange.values()).map(ShopwareStateNames::action))
                .containsExactly("process", "complete", "cancel");
    }
}
