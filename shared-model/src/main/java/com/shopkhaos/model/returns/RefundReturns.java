package com.shopkhaos.model.returns;

import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.ShopPayment;
import com.shopkhaos.model.order.ShopStates.ShopPaymentState;
import com.shopkhaos.model.ordersync.ShopOrders;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the shop's money going back means for Khaos's goods: each refunded or charged-back payment of an order Khaos has,
 * and a cancellation in the shop, asks {@link ReturnRequests} for a return once (by the payment and its state, so the
 * webhook and the sweep seeing the same refund make one return), and answers in words what became of it, for the order's
 * timeline and the problem finance sees. Shopware's core records no refunded lines: a partial refund takes its items
 * from the shop's own returns where it has them (Commercial's {@code order_return}), else it is put to a person.
 */
public final class RefundReturns {
    /** The words when returns into Khaos are not set up for this deployment. */
    public static final RefundReturns OFF = new RefundReturns(null);

    private final ReturnRequests requests;
    private final ShopOrders shop;

    /** Returns from refunds; a partial refund is always put to a person. */
    public RefundReturns(ReturnRequests requests) {
        this(requests, null);
    }

    /** @param shop where a partial refund's items are read from the shop's own returns, where it has them (Commercial) */
    public RefundReturns(ReturnRequests requests, ShopOrders shop) {
        this.requests = requests;
        this.shop = shop;
    }

    /** What became of the goods, in words, and whether a return into Khaos was made (then it books the credit). */
    public record Said(String words, boolean returnMade) {
    }

    /** After the shop refunded or charged back some of the order's payments: empty when returns are off or nothing was refunded. */
    public Optional<Said> afterRefund(String shopId, String orderId, ShopOrder order) {
        if (requests == null) {
            return Optional.empty();
        }
        List<String> said = new ArrayList<>();
        boolean made = false;
        for (ShopPayment payment : order.payments()) {
            if (payment.state().isRefund()) {
                ReturnCause cause = cause(payment.state());
                Optional<List<ShopReturnLine>> shopLines = cause == ReturnCause.PARTIAL_REFUND ? shopReturns(shopId, orderId)
                        : Optional.empty();
                Optional<List<ReturnLine>> named = shopLines.map(lines -> lines.stream()
                        .map(l -> new ReturnLine(l.lineItemId(), "", l.quantity())).toList());
                Map<String, String> shopReasons = new HashMap<>();
                shopLines.ifPresent(lines -> lines.forEach(l -> shopReasons.put(l.lineItemId(), l.reasonKey())));
                // one request per refunded payment and state, and per set of items the shop's returns name (a later
                // return of more items, refunded on the same payment, is a new request)
                String requestedBy = asking(payment) + named.map(lines -> " returns " + lines.stream().map(l -> l.lineItemId() + "×" + l.quantity().stripTrailingZeros()
                        .toPlainString()).sorted().toList()).orElse("");
                ReturnRequests.Outcome outcome = requests.request(orderId, cause, named, requestedBy, shopReasons);
                made |= outcome instanceof ReturnRequests.Outcome.Made;
                said.add(words(outcome));
            }
        }
        return said.isEmpty() ? Optional.empty() : Optional.of(new Said(String.join("; ", new LinkedHashSet<>(said)), made));
    }

    /**
     * What the shop's own returns (Commercial) name for the order in all, with the reason each gave; empty when it cannot
     * say or names nothing.
     */
    private Optional<List<ShopReturnLine>> shopReturns(String shopId, String orderId) {
        if (shop == null) {
            return Optional.empty();
        }
        return shop.returnedLines(shopId, orderId).map(lines -> lines.stream().filter(l -> l.quantity().signum() > 0).toList())
                .filter(lines -> !lines.isEmpty());
    }

    /** After the shop cancelled an order Khaos has: what left the warehouse comes back. */
    public Optional<Said> afterCancellation(String orderId) {
        if (requests == null) {
            return Optional.empty();
        }
        ReturnRequests.Outcome outcome = requests.request(orderId, ReturnCause.CANCELLED_IN_SHOP, Optional.empty(), "shop cancellation");
        return Optional.of(new Said(words(outcome), outcome instanceof ReturnRequests.Outcome.Made));
    }

    /**
     * How a refunded payment asks for its return ({@link CustomerReturn#requestedBy} starts so): the payment and its
     * state, so a later refund of the same payment (partly, then in full) asks again.
     */
    public static String asking(ShopPayment payment) {
        return "shop " + payment.state().name().toLowerCase(Locale.ROOT) + " of payment " + payment.transactionId();
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
