package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimResponse;
import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Error answers in Shopware's shape: {@code {"errors":[{"status":"400","code":…,"title":…,"detail":…}]}}. */
public final class ShopwareErrors {
    private ShopwareErrors() {
    }

    public static ObjectNode error(int status, String code, String title, String detail) {
        ObjectNode e = SimJson.object().put("status", Integer.toString(status)).put("code", code).put("title", title);
        if (detail == null) {
            e.putNull("detail");
        } else {
            e.put("detail", detail);
        }
        return e;
    }

    public static SimResponse response(int status, ObjectNode... errors) {
        ObjectNode body = SimJson.object();
        ArrayNode list = body.putArray("errors");
        for (ObjectNode e : errors) {
            list.add(e);
        }
        return SimResponse.json(status, SimJson.write(body));
    }

    public static SimResponse badRequest(String code, String detail) {
        return response(400, error(400, code, "Bad Request", detail));
    }

    public static SimResponse notFound(String code, String detail) {
        return response(404, error(404, code, "Not Found", detail));
    }

    /** What Shopware answers for a missing, invalid or expired access token. */
    public static SimResponse accessDenied(String detail) {
        return response(401, error(401, "9", "The resource owner or authorization server denied the request.", detail));
    }

    public static SimResponse missingPrivilege(String privilege) {
        ObjectNode e = error(403, "FRAMEWORK__MISSING_PRIVILEGE_ERROR", "Forbidden",
                "{\"message\":\"Missing privilege\",\"missingPrivileges\":[\"" + privilege + "\"]}");
        return response(403, e);
    }

    /** {@code MissingPrivilegeException}: 403 with every missing privilege, in the order the checks found them. */
    public static SimResponse missingPrivileges(java.util.List<String> privileges) {
        ObjectNode message = SimJson.object().put("message", "Missing privilege");
        ArrayNode list = message.putArray("missingPrivileges");
        privileges.forEach(list::add);
        return response(403, error(403, "FRAMEWORK__MISSING_PRIVILEGE_ERROR", "Forbidden", SimJson.write(message)));
    }

    public static SimResponse serverError(String detail) {
        return response(500, error(500, "0", "Internal Server Error", detail));
    }
}
