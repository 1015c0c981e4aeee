package com.shopkhaos.infra.khaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import jakarta.inject.Singleton;

/** KCC's {@code SalesOrder} JSON, as {@link KccSalesOrderWriter} writes it. */
@Singleton
public class KccSalesOrderFormat implements SalesOrderFormat {
    @Override
    public String write(KhaosSalesOrder order) {
        try {
            return InfraJson.mapper().writeValueAsString(KccSalesOrderWriter.write(order));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
