package com.shopkhaos.infra.http;

import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.infra.web.RequestHeaders;
import com.shopkhaos.model.khaos.KhaosChannelService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * KCC sends the channel's user name and password as HTTP Basic auth on every call (kcc-web-services: "Authentication");
 * a call without them, or with others, is answered 401 before any route runs. The channel service decides whether they
 * are the channel's (a rotated password is read afresh at most once a minute). Defined once; the Lambda and the sandbox,
 * which serve the channel's routes, each declare a subclass as their {@code @Provider} (as a provider here it would be
 * deployed, with the channel service it needs, in every function).
 */
public abstract class KhaosChannelAuthentication implements ContainerRequestFilter {

    /** Looked up at the first call: REST providers are built while the application is set up, before its configuration is read. */
    @Inject
    Instance<KhaosChannelService> channel;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String[]> presented = basic(JaxRsExchange.headers(request.getHeaders()));
        if (presented.isEmpty() || !channel.get().admits(presented.get()[0], presented.get()[1])) {
            request.abortWith(Response.fromResponse(JaxRsExchange.error(401, "channel user name or password missing or wrong"))
                    .header("WWW-Authenticate", "Basic realm=\"Khaos channel\"").build());
        }
    }

    /** {@code Basic base64(user:password)}: the user name and the password, or empty when it is not that. */
    static Optional<String[]> basic(RequestHeaders headers) {
        Optional<String> credentials = headers.authorization("Basic");
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials.get()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }
}
