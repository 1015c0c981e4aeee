package com.shopkhaos.model.ops;

/**
 * How people sign in to the console page: {@code session} (the sandbox's own form and cookie) or {@code cognito} (AWS:
 * the user pool's hosted sign-in, authorization code with PKCE; the page keeps the ID token for the tab and sends it
 * to /ops/api, where API Gateway's JWT authorizer checks it). Nothing here is secret: the client is public.
 */
public record ConsoleSignIn(String mode, String authorizeUrl, String tokenUrl, String logoutUrl, String clientId, String redirectUri) {
    public static final ConsoleSignIn SESSION = new ConsoleSignIn("session", "", "", "", "", "");

    /** From the template's settings; the session form when the hosted sign-in is not set up. */
    public static ConsoleSignIn of(String opsAuth, String domainPrefix, String region, String clientId, String consoleUrl) {
        if (!"jwt".equalsIgnoreCase(opsAuth == null ? "" : opsAuth.strip()) || blank(domainPrefix) || blank(consoleUrl)
                || blank(clientId)) {
            return "jwt".equalsIgnoreCase(opsAuth == null ? "" : opsAuth.strip())
                    ? new ConsoleSignIn("none", "", "", "", "", "") : SESSION;
        }
        String base = "https://" + domainPrefix.strip() + ".auth." + region.strip() + ".amazoncognito.com";
        return new ConsoleSignIn("cognito", base + "/oauth2/authorize", base + "/oauth2/token", base + "/logout", clientId.strip(),
                consoleUrl.strip());
    }

    /** The sign-in site the page may call (its token endpoint), for the page's Content-Security-Policy. */
    public String signInOrigin() {
        int slash = tokenUrl.indexOf('/', "https://".length());
        return tokenUrl.isEmpty() ? "" : slash < 0 ? tokenUrl : tokenUrl.substring(0, slash);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
