package com.shopkhaos.infra.http;

import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.model.app.AppRegistrationService;
import com.shopkhaos.model.intake.WebhookIntakeService;
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
 * The order-intake routes, defined once for the Lambda and the sandbox (each declares a subclass with
 * {@code @Path("/")}); every decision is made by the intake and registration services.
 */
public abstract class OrderIntakeEndpoints {

    @Inject
    com.shopkhaos.model.ops.OpsMetrics metrics;

    @Inject
    WebhookIntakeService intake;

    @Inject
    AppRegistrationService registration;

    @POST
    @Path("webhooks/shopware")
    @Consumes(MediaType.WILDCARD)
    public Response webhook(@Context HttpHeaders headers, byte[] body) {
        com.shopkhaos.model.web.EndpointAnswer answer = intake.handle(JaxRsExchange.headers(headers), body);
        if (answer.status() / 100 == 2) {
            metrics.counted(com.shopkhaos.model.ops.OpsMetrics.WEBHOOKS_RECEIVED);
        }
        return JaxRsExchange.response(answer);
    }

    @GET
    @Path("shopware/app/register")
    public Response register(@Context UriInfo uri, @Context HttpHeaders headers) {
        return JaxRsExchange.response(registration.register(uri.getRequestUri().getRawQuery(),
                JaxRsExchange.headers(headers), uri.getBaseUri().toString()));
    }

    @POST
    @Path("shopware/app/confirm")
    @Consumes(MediaType.WILDCARD)
    public Response confirm(@Context HttpHeaders headers, byte[] body) {
        return JaxRsExchange.response(registration.confirm(JaxRsExchange.headers(headers), body));
    }
}
