package com.shopkhaos.model.returns;

import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.ShopPayment;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the shop's money going back means for Khaos's goods: each refunded or charged-back payment of an order Khaos has,
 * and a cancellation in the shop, asks {@link ReturnRequests} for a return once (by the payment and its state, so the
 * webhook and the sweep seeing the same refund make one return), and answers in words what became of it, for the order's
 * timeline and the problem finance sees. The shop's core knows no refunded lines (Shopware's {@code order_return} is a
 * Commercial feature), so a partial refund is put to a person.
 */
public final class RefundReturns {
    /** The words when returns into Khaos are not set up for this deployment. */
    public static final RefundReturns OFF = new RefundReturns(null);

    private final ReturnRequests requests;

    public RefundReturns(ReturnRequests requests) {
        this.requests = requests;
    }

    /** After the shop refunded or charged back some of the order's payments: empty when returns are off or nothing was refunded. */
    public Optional<String> afterRefund(String orderId, ShopOrder order) {
        if (requests == null) {
            return Optional.empty();
        }
        List<String> said = new ArrayList<>();
        for (ShopPayment payment : order.payments()) {
            if (payment.state().isRefund()) {
                said.add(words(requests.request(orderId, cause(payment.state()), Optional.empty(),
                        "shop " + payment.state().name().toLowerCase(Locale.ROOT) + " of payment " + payment.transactionId())));
            }
        }
        return said.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", new LinkedHashSet<>(said)));
    }

    /** After the shop cancelled an order Khaos has: what left the warehouse comes back. */
    public Optional<String> afterCancellation(String orderId) {
        if (requests == null) {
            return Optional.empty();
        }
        return Optional.of(words(requests.request(orderId, ReturnCause.CANCELLED_IN_SHOP, Optional.empty(), "shop cancellation")));
    }

    static ReturnCause cause(ShopPaymentState state) {
        return switch (state) {
            case REFUNDED -> ReturnCause.FULL_REFUND;
            case REFUNDED_PARTIALLY -> ReturnCause.PARTIAL_REFUND;
            case CHARGEBACK -> ReturnCause.CHARGEBACK;
            default -> throw new IllegalArgumentException(state + " gives no money back");
        };
    }

    /** What became of a request, as the timeline and the console say it. */
    public static String words(ReturnRequests.Outcome outcome) {
        if (outcome instanceof ReturnRequests.Outcome.Made made) {
            CustomerReturn r = made.customerReturn();
            return "return " + r.associatedRef() + " (" + units(r.lines()) + ") " + (r.state() == CustomerReturn.State.READY
                    ? "waits for Khaos's next return download" : "was taken by Khaos");
        }
        if (outcome instanceof ReturnRequests.Outcome.NotAReturn not) {
            return "no return into Khaos: " + not.why();
        }
        if (outcome instanceof ReturnRequests.Outcome.PersonPicksLines pick) {
            return pick.why() + ": pick the items coming back in the console (\"create the return in Khaos\")";
        }
        ReturnRequests.Outcome.CustomerUnknownInKhaos unknown = (ReturnRequests.Outcome.CustomerUnknownInKhaos) outcome;
        return "goods come back, but the customer's account in Khaos (URN) for order " + unknown.orderNumber()
                + " is not known: find it in Khaos and enter it in the console (\"create the return in Khaos\")";
    }

    private static String units(List<ReturnLine> lines) {
        List<String> parts = new ArrayList<>();
        for (ReturnLine l : lines) {
            parts.add(l.quantity().stripTrailingZeros().toPlainString() + " × " + l.sku());
        }
        BigDecimal total = lines.stream().map(ReturnLine::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        return String.join(", ", parts) + (lines.size() > 1 ? "; " + total.stripTrailingZeros().toPlainString() + " units" : "");
    }
}
