package com.shopkhaos.model.returns;

import java.util.List;

/** What a refund, chargeback or cancellation in the shop means for Khaos's stock and books. */
public sealed interface ReturnDecision {

    /** Not a return: {@code why} says so in words a person reads (on the order's timeline). */
    record NoReturn(String why) implements ReturnDecision {
    }

    /** These units come back to Khaos as one customer return. */
    record ReturnGoods(List<ReturnLine> lines) implements ReturnDecision {
        public ReturnGoods {
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a return needs at least one line");
            }
            lines = List.copyOf(lines);
        }
    }

    /** Goods may be coming back but the shop does not say which: a person picks the lines and quantities. */
    record PersonPicksLines(String why) implements ReturnDecision {
    }
}
