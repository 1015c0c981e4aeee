package com.shopkhaos.model.ops;

import com.shopkhaos.model.ordersync.OrderRetryService;
import com.shopkhaos.model.web.EndpointAnswer;
import com.shopkhaos.model.web.JsonText;
import com.shopkhaos.model.web.RequestHeaders;
import java.lang.System.Logger.Level;

/**
 * The ops API (the console comes later): {@code POST /ops/orders/{ref}/retry} re-checks a held order after
 * a person fixed its cause. Every call needs the ops key; the caller names themselves in {@code X-Ops-User}
 * (recorded on the order's timeline).
 */
public final class OpsApiService {
    public static final String RETRY_PATH = "/ops/orders/{ref}/retry";
    private static final System.Logger LOG = System.getLogger(OpsApiService.class.getName());

    private final OpsAccess access;
    private final OrderRetryService retries;

    public OpsApiService(OpsAccess access, OrderRetryService retries) {
        this.access = access;
        this.retries = retries;
    }

    public EndpointAnswer retry(RequestHeaders headers, String ref) {
        java.util.Optional<String> caller = access.caller(headers);
        if (caller.isEmpty()) {
            return EndpointAnswer.json(401, JsonText.object("error", "ops API key missing or wrong"))
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        String who = caller.get();
        OrderRetryService.Answer answer;
        try {
            answer = retries.retry(ref, who);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "retry of " + ref + " failed: " + e);
            return EndpointAnswer.json(503, JsonText.object("error", "could not queue the retry, try again"));
        }
        int status = switch (answer.outcome()) {
            case QUEUED -> 202;
            case NOT_FOUND -> 404;
            case NOT_RETRYABLE -> 409;
        };
        String state = answer.order().map(o -> o.state().name()).orElse("");
        String number = answer.order().map(o -> o.orderNumber()).orElse("");
        LOG.log(Level.INFO, "retry of order " + number + ": " + answer.outcome());
        return EndpointAnswer.json(status, JsonText.object("outcome", answer.outcome().name(), "orderNumber", number,
                "state", state, "message", answer.message()));
    }
}
