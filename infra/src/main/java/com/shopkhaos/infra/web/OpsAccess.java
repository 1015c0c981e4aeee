package com.shopkhaos.infra.web;

import com.shopkhaos.model.ops.OpsApiKey;
import java.util.Optional;

/**
 * Who is calling the ops API, or empty when the caller is not let in. In the sandbox (and for scripts) the ops key as
 * {@code Authorization: Bearer <key>}, the person named in {@code X-Ops-User}; in AWS the user pool's token, already
 * checked by API Gateway's JWT authorizer, the person named by its claims.
 */
@FunctionalInterface
public interface OpsAccess {
    Optional<String> caller(RequestHeaders headers);

    /** The ops key; the caller names themselves in {@code X-Ops-User} (letters, digits, {@code .@'()-} and spaces). */
    static OpsAccess byKey(OpsApiKey key) {
        return headers -> headers.authorization("Bearer").filter(key::admits).isPresent()
                ? Optional.of(headers.get("X-Ops-User").map(String::strip).filter(s -> s.matches("[\\w .@'()-]{1,64}"))
                .orElse("ops API"))
                : Optional.empty();
    }
}
