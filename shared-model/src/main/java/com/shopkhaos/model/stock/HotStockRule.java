package com.shopkhaos.model.stock;

import java.util.Locale;

/**
 * A buffer only where it buys something: a stock code that is selling fast right now (at least {@code orders} shop
 * orders in flight, which Khaos's figures do not show yet) and is down to {@code atMost} sellable units or fewer
 * holds back {@code units} more. Other channels (tills, marketplaces) sell straight from Khaos's Available, which
 * does not know the shop's orders until Khaos's next order download; the last units of the few fast sellers are
 * where those sales collide with the shop's. A code with no order in flight, the long tail, keeps every unit on
 * sale, so the rule costs few of the sales a flat buffer refuses. The shop's own orders in flight stand in for
 * the code's pace on every channel: the sandbox cannot see the retailer's tills.
 *
 * <p>Written {@code 1,orders2,atmost5}: hold back 1 more unit while 2 or more orders are in flight and 5 or fewer
 * units are sellable. Empty: off.
 */
public record HotStockRule(int units, int orders, int atMost) {
    public static final HotStockRule NONE = new HotStockRule(0, 1, 0);

    public HotStockRule {
        if (units < 0 || orders < 1 || atMost < 0) {
            throw new IllegalArgumentException("a hot-stock buffer is 0 or more units, from 1 or more orders in flight, "
                    + "at 0 or more sellable units");
        }
    }

    /**
     * Units held back besides the buffer: {@code sellable} is what the shop would be shown without this rule, and
     * {@code ordersInFlight} the distinct shop orders whose holds still count. Never more than is sellable.
     */
    public int unitsFor(int ordersInFlight, int sellable) {
        if (units == 0 || ordersInFlight < orders || sellable > atMost || sellable <= 0) {
            return 0;
        }
        return Math.min(units, sellable);
    }

    public boolean off() {
        return units == 0;
    }

    /** Reads {@code 1,orders2,atmost5} (spaces and case ignored); empty or {@code 0} is off. */
    public static HotStockRule parse(String text, String setting) {
        String value = text == null ? "" : text.replace(" ", "").toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("0")) {
            return NONE;
        }
        try {
            int units = -1;
            int orders = 2;
            int atMost = 5;
            for (String part : value.split(",")) {
                if (part.startsWith("orders")) {
                    orders = Integer.parseInt(part.substring(6));
                } else if (part.startsWith("atmost")) {
                    atMost = Integer.parseInt(part.substring(6));
                } else {
                    units = Integer.parseInt(part);
                }
            }
            if (units < 0) {
                throw new IllegalArgumentException("no units");
            }
            return new HotStockRule(units, orders, atMost);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(setting + " \"" + text + "\" is not a hot-stock buffer: write 1,orders2,atmost5 "
                    + "(hold back 1 unit while 2 or more orders are in flight and 5 or fewer units are sellable)");
        }
    }

    @Override
    public String toString() {
        return off() ? "off" : units + ",orders" + orders + ",atmost" + atMost;
    }
}
