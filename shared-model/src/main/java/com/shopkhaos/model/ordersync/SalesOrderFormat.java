package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.order.KhaosSalesOrder;

/** Port: a sales order in the form Khaos Control downloads it (KCC's {@code SalesOrder} JSON). */
public interface SalesOrderFormat {
    String write(KhaosSalesOrder order);
}
