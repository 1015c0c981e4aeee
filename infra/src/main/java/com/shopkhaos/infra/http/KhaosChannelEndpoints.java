package com.shopkhaos.infra.http;

import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.model.khaos.KhaosChannelService;
import com.shopkhaos.model.khaos.KhaosUploadKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The URLs a retailer types into KCC's channel setup, defined once for the Lambda and the sandbox (each
 * declares a subclass with {@code @Path("/khaos")}); every decision is made by the channel service.
 */
public abstract class KhaosChannelEndpoints {

    @Inject
    com.shopkhaos.model.ops.OpsMetrics metrics;

    @Inject
    KhaosChannelService channel;

    @GET
    @Path("config.json")
    public Response config(@Context HttpHeaders headers, @Context UriInfo uri) {
        return JaxRsExchange.response(channel.config(JaxRsExchange.headers(headers), uri.getBaseUri().toString()));
    }

    @GET
    @Path("orders")
    public Response orders(@Context HttpHeaders headers) {
        com.shopkhaos.model.web.EndpointAnswer answer = channel.orderDownload(JaxRsExchange.headers(headers));
        if (answer.status() == 200) {
            metrics.counted(com.shopkhaos.model.ops.OpsMetrics.KHAOS_ORDER_PULLS);
        }
        return JaxRsExchange.response(answer);
    }

    @POST
    @Path("order-status")
    @Consumes(MediaType.WILDCARD)
    public Response orderStatus(@Context HttpHeaders headers, byte[] body) {
        return JaxRsExchange.response(channel.upload(KhaosUploadKind.ORDER_STATUS, JaxRsExchange.headers(headers), body));
    }

    @POST
    @Path("stock-status")
    @Consumes(MediaType.WILDCARD)
    public Response stockStatus(@Context HttpHeaders headers, byte[] body) {
        com.shopkhaos.model.web.EndpointAnswer answer = channel.upload(KhaosUploadKind.STOCK_STATUS, JaxRsExchange.headers(headers), body);
        if (answer.status() == 200) {
            metrics.counted(com.shopkhaos.model.ops.OpsMetrics.KHAOS_STOCK_PUSHES);
        }
        return JaxRsExchange.response(answer);
    }

    @POST
    @Path("stock")
    @Consumes(MediaType.WILDCARD)
    public Response stock(@Context HttpHeaders headers, byte[] body) {
        return JaxRsExchange.response(channel.upload(KhaosUploadKind.STOCK, JaxRsExchange.headers(headers), body));
    }
}
