package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SettingChoice;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's control API (documented in the README): place, pay and cancel orders; read stock
 * and deliveries; install the app; set the webhook mode, faults and settings; read what was sent.
 */
final class ControlApi {
    private static final Pattern ORDER = Pattern.compile("/_control/orders/([^/]+)(/pay|/cancel|/edit|/returns)?");
    private static final Pattern PRODUCT = Pattern.compile("/_control/products/([^/]+)(/stock)?");
    private static final Pattern DELIVERY = Pattern.compile("/_control/deliveries/([0-9a-f]{32})");
    /** A person changing a state in the shop's admin (same state machines, same mails and webhooks). */
    private static final Pattern STATE = Pattern.compile("/_control/(order|order_delivery|order_transaction)/([^/]+)/state/([a-z_]+)");

    private final ShopwareSimulator sim;

    ControlApi(ShopwareSimulator sim) {
        this.sim = sim;
    }

    SimResponse handle(SimRequest request) {
        String path = request.path().replaceAll("/+$", "");
        String method = request.method();
        Matcher m;
        if (path.equals("/_control") && method.equals("GET")) {
            return ok(summary());
        }
        if (path.equals("/_control/orders") && method.equals("POST")) {
            ObjectNode order = sim.placeOrder(orderRequest(body(request)));
            return json(201, orderSummary(order));
        }
        if ((m = ORDER.matcher(path)).matches()) {
            String key = m.group(1);
            ObjectNode order = sim.order(key).orElseThrow(() -> SimulatorException.notFound("SIMULATOR__ORDER_NOT_FOUND",
                    "no order with id or number " + key));
            String id = order.path("id").asText();
            if (m.group(2) == null && method.equals("GET")) {
                return ok(order.deepCopy());
            }
            if (m.group(2) == null && method.equals("DELETE")) {
                sim.deleteOrder(id);
                return ok(SimJson.object().put("deleted", id));
            }
            if ("/pay".equals(m.group(2)) && method.equals("POST")) {
                sim.transition("order_transaction", order.path("transactions").path(0).path("id").asText(), "paid", true);
                return ok(orderSummary(sim.order(id).orElseThrow()));
            }
            if ("/cancel".equals(m.group(2)) && method.equals("POST")) {
                sim.transition("order", id, "cancel", true);
                return ok(orderSummary(sim.order(id).orElseThrow()));
            }
            if ("/returns".equals(m.group(2)) && method.equals("POST")) {
                // customer service records a return in the administration (Commercial's returns management)
                return json(201, sim.recordOrderReturn(id, body(request)));
            }
            if ("/edit".equals(m.group(2)) && method.equals("POST")) {
                // as the admin does it: a version, the changes in it, recalculated, merged into the live order
                sim.versions.edit(id, body(request));
                return ok(orderSummary(sim.order(id).orElseThrow()));
            }
        }
        if ((m = PRODUCT.matcher(path)).matches()) {
            String sku = m.group(1);
            if (m.group(2) == null && method.equals("GET")) {
                return ok(productStock(sku));
            }
            if (m.group(2) == null && method.equals("PATCH")) {
                // an administrator edits the product (the go-live audit's planted cases)
                synchronized (sim) {
                    return ok(sim.catalog.change(product(sku), body(request)).deepCopy());
                }
            }
            if (m.group(2) == null && method.equals("DELETE")) {
                synchronized (sim) {
                    sim.catalog.products.remove(product(sku).path("id").asText());
                }
                return ok(SimJson.object().put("deleted", sku));
            }
            if (m.group(2) != null && method.equals("PUT")) {
                JsonNode body = body(request);
                if (!body.path("stock").isIntegralNumber()) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "send {\"stock\": <whole number>}");
                }
                synchronized (sim) {
                    sim.setStock(product(sku), body.path("stock").asInt(), true);
                }
                return ok(productStock(sku));
            }
        }
        if ((m = STATE.matcher(path)).matches() && method.equals("POST")) {
            JsonNode body = body(request);
            if (m.group(1).equals("order_transaction") && body.hasNonNull("refundAmount")) {
                // as a payment extension does before it moves the payment: its refund kept as Shopware's capture refund
                sim.recordCaptureRefund(m.group(2), body.path("refundAmount").decimalValue(), body.path("reason").asText(""));
            }
            return ok(sim.transition(m.group(1), m.group(2), m.group(3), true));
        }
        if ((m = DELIVERY.matcher(path)).matches() && method.equals("GET")) {
            return ok(delivery(m.group(1)));
        }
        if (path.equals("/_control/products/generate") && method.equals("POST")) {
            JsonNode body = body(request);
            int count = body.path("count").asInt(0);
            if (count < 1 || count > 200_000) {
                throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "send {\"count\": 1 to 200000, \"prefix\": \"GEN-\", \"stock\": 10}");
            }
            return ok(sim.catalog.generate(body.path("prefix").asText("GEN-"), count, body.path("stock").asInt(10),
                    body.path("name").asText("Generated product ")));
        }
        switch (method + " " + path) {
            case "POST /_control/products" -> {
                synchronized (sim) {
                    return json(201, sim.catalog.addProduct(body(request)).deepCopy());
                }
            }
            case "POST /_control/currencies" -> {
                synchronized (sim) {
                    return json(201, sim.catalog.addCurrency(body(request)).deepCopy());
                }
            }
            case "POST /_control/shipping-methods" -> {
                synchronized (sim) {
                    return json(201, sim.catalog.addShippingMethod(body(request)));
                }
            }
            case "POST /_control/payment-methods" -> {
                synchronized (sim) {
                    return json(201, sim.catalog.addPaymentMethod(body(request)).deepCopy());
                }
            }
            case "POST /_control/promotions" -> {
                synchronized (sim) {
                    return json(201, sim.catalog.addPromotion(body(request)));
                }
            }
            case "POST /_control/apps/install" -> {
                return ok(install(body(request)));
            }
            case "POST /_control/apps/uninstall" -> {
                JsonNode body = body(request);
                String name = text(body, "name");
                if (name == null || name.isBlank()) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "send {\"name\": \"<app name>\", \"keepUserData\": false}");
                }
                sim.apps.uninstall(name, body.path("keepUserData").asBoolean(false)).orElseThrow(() ->
                        SimulatorException.notFound("SIMULATOR__APP_NOT_INSTALLED", "no app \"" + name + "\" is installed"));
                return ok(SimJson.object().put("name", name).put("uninstalled", true));
            }
            case "GET /_control/apps" -> {
                return ok(SimJson.object().set("apps", sim.apps.appsJson()));
            }
            case "GET /_control/webhooks/deliveries" -> {
                return ok(deliveries(request));
            }
            case "PUT /_control/webhooks/mode" -> {
                sim.apps.mode(body(request).path("mode").asText());
                return ok(SimJson.object().put("mode", sim.apps.mode()));
            }
            case "GET /_control/faults" -> {
                return ok(sim.faults.settings().toJson());
            }
            case "PUT /_control/faults" -> {
                try {
                    sim.faults.set(sim.faults.settings().merge(body(request)));
                } catch (IllegalArgumentException e) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_FAULTS", e.getMessage());
                }
                return ok(sim.faults.settings().toJson());
            }
            case "PUT /_control/settings" -> {
                JsonNode body;
                ShopBehaviour.VariantInheritance inheritance;
                ShopBehaviour.ShopwareVersion version;
                ShopBehaviour.TaxCalculation taxCalculation;
                ShopBehaviour.OrderReturns orderReturns;
                try {
                    body = withProfile(body(request));
                    inheritance = choice(body, "variantInheritance", ShopBehaviour.VariantInheritance.class,
                            sim.behaviour.variantInheritance());
                    version = choice(body, "shopwareVersion", ShopBehaviour.ShopwareVersion.class, sim.behaviour.version());
                    taxCalculation = choice(body, "taxCalculationType", ShopBehaviour.TaxCalculation.class,
                            sim.behaviour.taxCalculation());
                    orderReturns = choice(body, "orderReturns", ShopBehaviour.OrderReturns.class, sim.behaviour.orderReturns());
                } catch (IllegalArgumentException e) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_SETTING", e.getMessage());
                }
                // every value checked before any is applied: a refused body changes nothing
                long ttl = body.path("tokenTtlSeconds").asLong(sim.oauth.tokenTtl().toSeconds());
                if (body.has("tokenTtlSeconds") && ttl < 1) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_SETTING", "tokenTtlSeconds must be 1 or more");
                }
                double scale = body.path("retryDelayScale").asDouble(sim.apps.retryDelayScale());
                if (body.has("retryDelayScale") && !(scale >= 0 && scale <= 10)) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_SETTING", "retryDelayScale must be 0 to 10");
                }
                if (body.has("tokenTtlSeconds")) {
                    sim.oauth.tokenTtl(Duration.ofSeconds(ttl));
                }
                if (body.has("retryDelayScale")) {
                    sim.apps.retryDelayScale(scale);
                }
                sim.behaviour.variantInheritance(inheritance);
                sim.behaviour.taxCalculation(taxCalculation);
                sim.behaviour.orderReturns(orderReturns);
                if (version != sim.behaviour.version()) {
                    sim.version(version);
                }
                return ok(settings());
            }
            case "POST /_control/app-url-change" -> {
                JsonNode body = body(request);
                String url = body.hasNonNull("appUrl") ? body.path("appUrl").asText() : movedUrl(sim.shopUrl());
                if (!url.matches("https?://.+")) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "send {\"appUrl\": \"http://…\"} or {}");
                }
                sim.apps.appUrlChange(url);
                return ok(appUrlChange());
            }
            case "GET /_control/app-url-change" -> {
                return ok(appUrlChange());
            }
            case "POST /_control/app-url-change/resolve" -> {
                String strategy = body(request).path("strategy").asText("");
                return ok(sim.apps.resolveAppUrlChange(strategy));
            }
            case "GET /_control/settings" -> {
                return ok(settings());
            }
            case "POST /_control/clock/advance" -> {
                long seconds = body(request).path("seconds").asLong(0);
                if (seconds < 0) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_SETTING", "the clock only moves forward");
                }
                sim.clock.advance(Duration.ofSeconds(seconds));
                return ok(SimJson.object().put("now", sim.clock.instant().toString()));
            }
            case "GET /_control/requests" -> {
                ArrayNode list = SimJson.array();
                sim.requests(request.query().get("path")).forEach(list::add);
                return ok(SimJson.object().set("requests", list));
            }
            case "GET /_control/mails" -> {
                ArrayNode list = SimJson.array();
                sim.mails(request.query().get("order")).forEach(mail -> list.add(mail.toJson()));
                return ok(SimJson.object().set("mails", list));
            }
            case "GET /_control/sync-log" -> {
                ArrayNode log = SimJson.array();
                synchronized (sim) {
                    sim.syncLog.forEach(log::add);
                }
                return ok(SimJson.object().set("syncs", log));
            }
            default -> {
                return ShopwareErrors.notFound("SIMULATOR__NOT_FOUND", "no control route " + method + " " + path
                        + "; see GET /_control for the list");
            }
        }
    }

    private ObjectNode summary() {
        ObjectNode s = SimJson.object().put("shopId", sim.shopId()).put("shopUrl", sim.shopUrl())
                .put("shopwareVersion", sim.behaviour.version().full()).put("webhookMode", sim.apps.mode());
        synchronized (sim) {
            s.put("orders", sim.orders.size()).put("products", sim.catalog.products.size());
            ArrayNode customers = s.putArray("customers");
            sim.catalog.customers.keySet().forEach(customers::add);
            ArrayNode shipping = s.putArray("shippingMethods");
            sim.catalog.shippingMethods.keySet().forEach(shipping::add);
            ArrayNode payments = s.putArray("paymentMethods");
            sim.catalog.paymentMethods.keySet().forEach(payments::add);
            ArrayNode promotions = s.putArray("promotionCodes");
            sim.catalog.promotions.keySet().forEach(promotions::add);
            ArrayNode skus = s.putArray("skus");
            sim.catalog.products.values().forEach(p -> skus.add(p.path("productNumber").asText()));
        }
        s.set("faults", sim.faults.settings().toJson());
        s.set("apps", sim.apps.appsJson());
        ObjectNode counts = s.putObject("requestCounts");
        sim.requestCounts.forEach((k, v) -> counts.put(k, v.get()));
        ArrayNode routes = s.putArray("controlRoutes");
        List.of("POST /_control/orders", "GET /_control/orders/{idOrNumber}", "POST /_control/orders/{idOrNumber}/pay",
                "POST /_control/orders/{idOrNumber}/cancel", "POST /_control/orders/{idOrNumber}/edit",
                "POST /_control/orders/{idOrNumber}/returns", "DELETE /_control/orders/{idOrNumber}", "GET /_control/products/{sku}", "DELETE /_control/products/{sku}",
                "POST /_control/products/generate", "PUT /_control/products/{sku}/stock", "POST /_control/products",
                "PATCH /_control/products/{sku}", "POST /_control/currencies", "POST /_control/shipping-methods",
                "POST /_control/payment-methods", "POST /_control/promotions",
                "GET /_control/deliveries/{deliveryId}", "POST /_control/{order|order_delivery|order_transaction}/{id}/state/{action}", "POST /_control/apps/install",
                "POST /_control/apps/uninstall", "GET /_control/apps",
                "GET /_control/webhooks/deliveries", "PUT /_control/webhooks/mode", "GET|PUT /_control/faults",
                "GET|PUT /_control/settings", "GET|POST /_control/app-url-change", "POST /_control/app-url-change/resolve",
                "POST /_control/clock/advance", "GET /_control/sync-log", "GET /_control/mails?order=",
                "GET /_control/requests?path=/api/...").forEach(routes::add);
        return s;
    }

    private ObjectNode settings() {
        return SimJson.object().put("tokenTtlSeconds", sim.oauth.tokenTtl().toSeconds())
                .put("retryDelayScale", sim.apps.retryDelayScale()).put("webhookMode", sim.apps.mode())
                .put("variantInheritance", sim.behaviour.variantInheritance().setting())
                .put("shopwareVersion", sim.behaviour.version().setting())
                .put("taxCalculationType", sim.behaviour.taxCalculation().setting())
                .put("orderReturns", sim.behaviour.orderReturns().setting())
                .put("now", sim.clock.instant().toString());
    }

    /**
     * The shop's unknowns at one side each: {@code default} (what the simulator has always answered) or {@code hostile}
     * (the side that hurts the integration). Settings named beside the profile win.
     */
    static final Map<String, Map<String, String>> PROFILES = Map.of(
            "default", Map.of("variantInheritance", "resolved", "shopwareVersion", "6.6"),
            "hostile", Map.of("variantInheritance", "raw", "shopwareVersion", "6.7"));

    private static JsonNode withProfile(JsonNode body) {
        if (!body.isObject()) {
            throw new IllegalArgumentException("send a JSON object of settings");
        }
        if (!body.has("profile")) {
            return body;
        }
        Map<String, String> profile = PROFILES.get(body.path("profile").asText());
        if (profile == null || !body.path("profile").isTextual()) {
            throw new IllegalArgumentException("profile must be \"default\" or \"hostile\", was " + body.path("profile"));
        }
        ObjectNode effective = SimJson.object();
        profile.forEach(effective::put);
        body.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("profile")) {
                effective.set(f.getKey(), f.getValue());
            }
        });
        return effective;
    }

    /** The named value of a setting, or {@code current} when the setting is not given. */
    private static <E extends Enum<E> & SettingChoice> E choice(JsonNode body, String name, Class<E> type, E current) {
        return body.has(name) ? SettingChoice.of(type, name, body.path(name).asText()) : current;
    }

    private ObjectNode appUrlChange() {
        ObjectNode s = SimJson.object().put("shopId", sim.shopId()).put("shopUrl", sim.shopUrl());
        Optional<String> changed = sim.apps.changedAppUrl();
        s.put("changeDetected", changed.isPresent());
        if (changed.isPresent()) {
            s.put("appUrl", changed.get());
        } else {
            s.put("appUrl", sim.shopUrl());
        }
        ArrayNode strategies = s.putArray("strategies");
        AppHost.STRATEGIES.forEach(strategies::add);
        return s;
    }

    /** The same shop under another name: 127.0.0.1 and localhost swapped (so the moved shop stays reachable). */
    static String movedUrl(String url) {
        String moved = url.contains("127.0.0.1") ? url.replace("127.0.0.1", "localhost") : url.replace("localhost", "127.0.0.1");
        return moved.equals(url) ? url.replaceAll("/+$", "") + "-moved" : moved;
    }

    private static OrderRequest orderRequest(JsonNode body) {
        List<OrderRequest.Line> lines = new ArrayList<>();
        for (JsonNode line : body.path("lines")) {
            if (!line.path("sku").isTextual() || !line.path("quantity").isIntegralNumber()) {
                throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST",
                        "each line needs {\"sku\": text, \"quantity\": whole number}");
            }
            lines.add(new OrderRequest.Line(line.path("sku").asText(), line.path("quantity").asInt()));
        }
        java.time.Instant placedAt = null;
        if (body.hasNonNull("orderDateTime")) {
            try {
                placedAt = java.time.OffsetDateTime.parse(body.path("orderDateTime").asText()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST",
                        "orderDateTime must be a date-time with its offset, e.g. 2026-11-05T12:30:00+00:00; was "
                                + body.path("orderDateTime"));
            }
        }
        return new OrderRequest(body.path("customer").asText("jane"), lines, text(body, "shippingMethod"),
                text(body, "promotionCode"), text(body, "paymentMethod"), body.path("paid").asBoolean(false), placedAt);
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.path(field).asText() : null;
    }

    private static ObjectNode orderSummary(ObjectNode order) {
        ObjectNode s = SimJson.object().put("id", order.path("id").asText())
                .put("orderNumber", order.path("orderNumber").asText())
                .put("amountTotal", order.path("amountTotal").asDouble())
                .put("amountNet", order.path("amountNet").asDouble())
                .put("taxStatus", order.path("taxStatus").asText())
                .put("state", order.path("stateMachineState").path("technicalName").asText())
                .put("paymentState", order.path("transactions").path(0).path("stateMachineState").path("technicalName").asText())
                .put("transactionId", order.path("transactions").path(0).path("id").asText());
        ArrayNode deliveries = s.putArray("deliveryIds");
        order.path("deliveries").forEach(d -> deliveries.add(d.path("id").asText()));
        return s;
    }

    private ObjectNode product(String sku) {
        return sim.catalog.productBySku(sku).orElseThrow(() -> SimulatorException.notFound("SIMULATOR__PRODUCT_NOT_FOUND",
                "no product with number " + sku));
    }

    private ObjectNode productStock(String sku) {
        synchronized (sim) {
            ObjectNode p = sim.catalog.resolved(product(sku));
            return SimJson.object().put("sku", sku).put("id", p.path("id").asText()).put("stock", p.path("stock").asInt())
                    .put("availableStock", p.path("availableStock").asInt()).put("available", p.path("available").asBoolean())
                    .put("isCloseout", p.path("isCloseout").asBoolean()).put("sales", p.path("sales").asInt());
        }
    }

    private ObjectNode delivery(String id) {
        ObjectNode[] found = sim.owned("deliveries", id).orElseThrow(() -> SimulatorException.notFound(
                "SIMULATOR__DELIVERY_NOT_FOUND", "no delivery " + id));
        ObjectNode d;
        synchronized (sim) {
            d = SimJson.object().put("id", id).put("orderId", found[0].path("id").asText())
                    .put("orderNumber", found[0].path("orderNumber").asText())
                    .put("state", found[1].path("stateMachineState").path("technicalName").asText());
            d.set("trackingCodes", found[1].path("trackingCodes").deepCopy());
            d.put("shippingMethod", found[1].path("shippingMethod").path("name").asText());
        }
        ArrayNode transitions = d.putArray("transitions");
        sim.transitionsOf(id).forEach(t -> transitions.add(t.toJson()));
        return d;
    }

    private ObjectNode install(JsonNode body) {
        String xml;
        if (body.path("manifestXml").isTextual()) {
            xml = body.path("manifestXml").asText();
        } else if (body.path("manifestPath").isTextual()) {
            try {
                xml = Files.readString(Path.of(body.path("manifestPath").asText()));
            } catch (IOException e) {
                throw SimulatorException.badRequest("SIMULATOR__MANIFEST_UNREADABLE", "cannot read " + body.path("manifestPath").asText());
            }
        } else {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "send {\"manifestPath\": …} or {\"manifestXml\": …}");
        }
        AppManifest manifest = AppManifest.parse(xml, Optional.ofNullable(text(body, "baseUrl")));
        if (body.path("appSecret").isTextual()) {
            manifest = new AppManifest(manifest.name(), manifest.label(), manifest.version(), body.path("appSecret").asText(),
                    manifest.registrationUrl(), manifest.privileges(), manifest.webhooks());
        }
        AppHost.InstalledApp app = sim.apps.install(manifest);
        ObjectNode out = SimJson.object().put("name", app.manifest().name()).put("shopId", sim.shopId())
                .put("shopUrl", sim.shopUrl()).put("active", true);
        ArrayNode hooks = out.putArray("webhooks");
        app.webhooks().forEach(w -> hooks.addObject().put("name", w.definition.name()).put("event", w.definition.event())
                .put("url", w.definition.url()));
        return out;
    }

    private ObjectNode deliveries(SimRequest request) {
        String event = request.query().get("event");
        String eventId = request.query().get("eventId");
        int limit = Integer.parseInt(request.query().getOrDefault("limit", "200"));
        List<WebhookDelivery> all = sim.apps.deliveries().stream()
                .filter(d -> event == null || d.event().equals(event))
                .filter(d -> eventId == null || d.eventId().equals(eventId)).toList();
        ArrayNode list = SimJson.array();
        all.subList(Math.max(0, all.size() - limit), all.size()).forEach(d -> list.add(d.toJson()));
        return SimJson.object().set("deliveries", list);
    }

    private static JsonNode body(SimRequest request) {
        try {
            return request.jsonBody();
        } catch (IOException e) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "the body is not JSON");
        }
    }

    private static SimResponse ok(JsonNode body) {
        return SimResponse.json(200, SimJson.write(body));
    }

    private static SimResponse json(int status, JsonNode body) {
        return SimResponse.json(status, SimJson.write(body));
    }
}
