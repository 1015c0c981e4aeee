package com.shopkhaos.model.returns;

import com.shopkhaos.model.despatch.ShopDeliveries;
import com.shopkhaos.model.ledger.OrderState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When money goes back in the shop, what goes back into Khaos. Only goods that left Khaos's warehouse can come back:
 * an order Khaos never had, or one it cancelled, is no return; one cancelled in the shop before anything was despatched
 * is no return either (Khaos must cancel the order: the cancellation problem says so). A full refund, a chargeback or a
 * cancellation after despatch brings back every despatched unit not back already. A partial refund brings back the
 * lines the shop names (never more than despatched and not back yet); when the shop names none, a person picks them.
 */
public final class ReturnRules {
    private ReturnRules() {
    }

    /**
     * @param state     the order's state in our ledger
     * @param lines     the order's product lines
     * @param shipped   units that left the warehouse, per line item id (from Khaos's shipments)
     * @param returned  units already sent back to Khaos in earlier returns, per line item id
     * @param cause     what the shop did
     * @param shopSays  for a partial refund, the lines and units the shop says come back (empty: it does not say)
     */
    public static ReturnDecision decide(OrderState state, List<ShopDeliveries.OrderedLine> lines, Map<String, BigDecimal> shipped,
                                        Map<String, BigDecimal> returned, ReturnCause cause, Optional<List<ReturnLine>> shopSays) {
        if (state == OrderState.CANCELLED) {
            return new ReturnDecision.NoReturn("Khaos cancelled the order: nothing of it left the warehouse to come back");
        }
        if (!state.isHeldByKhaos()) {
            return new ReturnDecision.NoReturn("Khaos never had the order (" + state + "): nothing to return");
        }
        Map<String, BigDecimal> returnable = new LinkedHashMap<>();
        BigDecimal everShipped = BigDecimal.ZERO;
        for (ShopDeliveries.OrderedLine line : lines) {
            BigDecimal out = shipped.getOrDefault(line.lineItemId(), BigDecimal.ZERO).min(BigDecimal.valueOf(line.quantity()));
            everShipped = everShipped.add(out);
            BigDecimal left = out.subtract(returned.getOrDefault(line.lineItemId(), BigDecimal.ZERO));
            if (left.signum() > 0) {
                returnable.put(line.lineItemId(), left);
            }
        }
        if (everShipped.signum() == 0) {
            return new ReturnDecision.NoReturn("nothing has left Khaos's warehouse: not a return; Khaos must cancel the order"
                    + (cause == ReturnCause.CANCELLED_IN_SHOP ? " (its cancellation problem says so)" : " or what is left of it"));
        }
        if (returnable.isEmpty()) {
            return new ReturnDecision.NoReturn("every despatched unit has been returned to Khaos already");
        }
        if (cause.wholeOrder()) {
            List<ReturnLine> back = new ArrayList<>();
            for (ShopDeliveries.OrderedLine line : lines) {
                Optional.ofNullable(returnable.get(line.lineItemId()))
                        .ifPresent(q -> back.add(new ReturnLine(line.lineItemId(), line.sku(), q)));
            }
            return new ReturnDecision.ReturnGoods(back);
        }
        if (shopSays.isEmpty() || shopSays.get().isEmpty()) {
            return new ReturnDecision.PersonPicksLines("the shop refunded part of the order without saying which items come back");
        }
        List<String> tooMany = new ArrayList<>();
        for (ReturnLine asked : shopSays.get()) {
            BigDecimal can = returnable.getOrDefault(asked.lineItemId(), BigDecimal.ZERO);
            if (asked.quantity().compareTo(can) > 0) {
                tooMany.add(asked.quantity().stripTrailingZeros().toPlainString() + " × " + asked.sku() + " (despatched and not back: "
                        + can.stripTrailingZeros().toPlainString() + ")");
            }
        }
        if (!tooMany.isEmpty()) {
            return new ReturnDecision.PersonPicksLines("the shop's refund names more than can come back: " + String.join(", ", tooMany));
        }
        return new ReturnDecision.ReturnGoods(shopSays.get());
    }

    /** Our AssociatedRef of an order's n-th return (unique per channel, never reused): {@code 10042-R1}. */
    public static String associatedRef(String orderNumber, int sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("a return's sequence starts at 1, was " + sequence);
        }
        return orderNumber + "-R" + sequence;
    }
}
