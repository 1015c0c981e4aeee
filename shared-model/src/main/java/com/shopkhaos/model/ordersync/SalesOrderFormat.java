package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.order.SalesOrderValues;
import java.util.Optional;

/** Port: a sales order in the form Khaos Control downloads it (KCC's {@code SalesOrder} JSON). */
public interface SalesOrderFormat {
    String write(KhaosSalesOrder order);

    /** The money of a sales order this format wrote (lines, delivery, total); empty when it cannot be read back. */
    Optional<SalesOrderValues> values(String written);
}
