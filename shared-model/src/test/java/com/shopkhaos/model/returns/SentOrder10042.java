package com.shopkhaos.model.returns;

import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The returns tests' order 10042 as Khaos was sent it: 2 mugs and a hat (line ids {@code line-mug}, {@code line-hat}). */
final class SentOrder10042 {
    static final String SENT = "sales order of 10042";
    static final SalesOrderFormat FORMAT = new SalesOrderFormat() {
        @Override
        public String write(KhaosSalesOrder order) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SalesOrderValues> values(String written) {
            return written.equals(SENT) ? Optional.of(new SalesOrderValues(List.of(
                    new SalesOrderValues.Line("line-mug", "MUG-BLUE", 2, new BigDecimal("9.99"), BigDecimal.ZERO),
                    new SalesOrderValues.Line("line-hat", "HAT-RED", 1, new BigDecimal("15.00"), BigDecimal.ZERO)),
                    new BigDecimal("3.99"), new BigDecimal("38.97"))) : Optional.empty();
        }
    };

    private SentOrder10042() {
    }
}
