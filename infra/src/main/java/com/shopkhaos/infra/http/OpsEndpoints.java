package com.shopkhaos.infra.http;

import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.model.ops.OpsApiService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The ops API's routes, defined once for the Lambda and the sandbox (each declares a subclass with {@code @Path("/ops")}). */
public abstract class OpsEndpoints {

    @Inject
    OpsApiService ops;

    @POST
    @Path("orders/{ref}/retry")
    @Consumes(MediaType.WILDCARD)
    public Response retry(@Context HttpHeaders headers, @PathParam("ref") String ref) {
        return JaxRsExchange.response(ops.retry(JaxRsExchange.headers(headers), ref));
    }
}
