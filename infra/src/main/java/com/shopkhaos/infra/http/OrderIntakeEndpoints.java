package com.shopkhaos.infra.http;

import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.model.app.AppIdentity;
import com.shopkhaos.model.app.AppRegistrationService;
import com.shopkhaos.model.app.RegistrationAnswer;
import com.shopkhaos.model.intake.IntakeAnswer;
import com.shopkhaos.model.intake.IntakeOutcome;
import com.shopkhaos.model.intake.WebhookIntakeService;
import com.shopkhaos.model.ops.OpsMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The order-intake routes, defined once for the Lambda and the sandbox (each declares a subclass with
 * {@code @Path("/")}): Shopware's webhooks and the app registration handshake. Every decision is made by the intake
 * and registration services; this says it in HTTP (Shopware retries a webhook only on a non-2xx answer, so only
 * {@link IntakeOutcome#NOT_STORED} is a 5xx).
 */
public abstract class OrderIntakeEndpoints {
    /** Shopware's HMAC of a webhook body or a confirmation, with the shop secret. */
    static final String SHOP_SIGNATURE = "shopware-shop-signature";
    /** Shopware's HMAC of the registration request's query, with the app secret. */
    static final String APP_SIGNATURE = "shopware-app-signature";
    /** Where the shop posts its confirmation (the route below), relative to our base URL. */
    static final String CONFIRMATION_PATH = "/shopware/app/confirm";

    @Inject
    OpsMetrics metrics;

    @Inject
    WebhookIntakeService intake;

    @Inject
    AppRegistrationService registration;

    @Inject
    AppIdentity app;

    @POST
    @Path("webhooks/shopware")
    @Consumes(MediaType.WILDCARD)
    public Response webhook(@HeaderParam(SHOP_SIGNATURE) String signature, byte[] body) {
        IntakeAnswer answer = intake.handle(body, present(signature));
        int status = status(answer.outcome());
        if (status / 100 == 2) {
            metrics.counted(OpsMetrics.WEBHOOKS_RECEIVED);
        }
        Map<String, String> json = new LinkedHashMap<>();
        json.put("outcome", answer.outcome().name());
        json.put("message", answer.message());
        answer.eventId().ifPresent(id -> json.put("eventId", id));
        return JaxRsExchange.json(status, json);
    }

    static int status(IntakeOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED, DUPLICATE, IGNORED_EVENT, APP_DELETED -> 200;
            case TOO_LARGE -> 413;
            case UNAUTHENTICATED -> 401;
            case UNREADABLE -> 400;
            case NOT_STORED -> 503;
        };
    }

    @GET
    @Path("shopware/app/register")
    public Response register(@Context UriInfo uri, @HeaderParam(APP_SIGNATURE) String signature) {
        RegistrationAnswer answer = registration.register(uri.getRequestUri().getRawQuery(), present(signature));
        return answer.started().map(started -> {
            Map<String, String> json = new LinkedHashMap<>();
            json.put("proof", started.proof());
            json.put("secret", started.shopSecret());
            json.put("confirmation_url", app.baseUrl(uri.getBaseUri().toString()) + CONFIRMATION_PATH);
            return JaxRsExchange.json(200, json);
        }).orElseGet(() -> answer(answer));
    }

    @POST
    @Path("shopware/app/confirm")
    @Consumes(MediaType.WILDCARD)
    public Response confirm(@HeaderParam(SHOP_SIGNATURE) String signature, byte[] body) {
        return answer(registration.confirm(body, present(signature)));
    }

    /** A header's value, trimmed; empty when it was not sent or blank. */
    static Optional<String> present(String header) {
        return Optional.ofNullable(header).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Response answer(RegistrationAnswer answer) {
        return switch (answer.outcome()) {
            case STARTED -> throw new IllegalStateException("a started registration carries its proof and secret");
            case CONFIRMED -> Response.noContent().build();
            case REFUSED -> JaxRsExchange.error(401, answer.message());
            case INCOMPLETE -> JaxRsExchange.error(400, answer.message());
            case NOT_STORED -> JaxRsExchange.error(503, answer.message());
        };
    }
}
