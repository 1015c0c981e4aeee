package com.shopkhaos.infra.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The ops caller in AWS: API Gateway's JWT authorizer (the Cognito user pool in template.yaml) has checked the token's
 * signature, issuer, audience and expiry before the request reaches the function, so here only its claims are read,
 * for the name recorded with each action ({@code email}, else {@code cognito:username}, else {@code sub}). Only ever
 * used behind that authorizer ({@code OPS_AUTH=jwt}); the sandbox uses the ops key.
 */
public final class JwtClaimsAccess implements OpsAccess {

    @Override
    public Optional<String> caller(RequestHeaders headers) {
        Optional<String> token = headers.authorization("Bearer");
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = token.get().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = InfraJson.mapper().readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            for (String claim : new String[] {"email", "cognito:username", "username", "sub"}) {
                String value = claims.path(claim).asText("").strip();
                if (!value.isEmpty()) {
                    return Optional.of(value.length() > 64 ? value.substring(0, 64) : value);
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
