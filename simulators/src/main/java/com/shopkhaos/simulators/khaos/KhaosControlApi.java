package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SettingChoice;
import com.shopkhaos.simulators.sim.SimJson;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The KCC simulator's control API (documented in the README), under {@code /_control}. */
final class KhaosControlApi {
    private static final Pattern ORDER = Pattern.compile("/_control/orders/([^/]+)(/despatch|/cancel)?");
    private static final Pattern STOCK_SITE = Pattern.compile("/_control/stock/([^/]+)/sites/(\\d+)");
    private static final Pattern STOCK = Pattern.compile("/_control/stock/([^/]+)(/consume)?");
    private static final Pattern ITEM = Pattern.compile("/_control/items/([^/]+)");
    private static final Pattern RETURN = Pattern.compile("/_control/returns/([^/]+)(/process)?");

    private final KhaosSimulator sim;

    KhaosControlApi(KhaosSimulator sim) {
        this.sim = sim;
    }

    SimResponse handle(SimRequest request) {
        try {
            return route(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return error(e instanceof IllegalStateException ? 409 : 400, e.getMessage());
        } catch (IOException e) {
            return error(400, "the body is not JSON");
        }
    }

    private SimResponse route(SimRequest request) throws IOException {
        String path = request.path().replaceAll("/+$", "");
        String method = request.method();
        Matcher m;
        if ((m = STOCK_SITE.matcher(path)).matches() && method.equals("PUT")) {
            JsonNode body = request.jsonBody();
            if (!body.path("physical").isIntegralNumber()) {
                return error(400, "send {\"physical\": whole number, \"onOrder\": optional whole number}");
            }
            sim.setPhysical(m.group(1), Integer.parseInt(m.group(2)), body.path("physical").asInt(),
                    body.has("onOrder") ? body.path("onOrder").asInt() : null);
            return ok(stock(m.group(1)));
        }
        if ((m = STOCK.matcher(path)).matches()) {
            if (m.group(2) == null && method.equals("GET")) {
                return ok(stock(m.group(1)));
            }
            if (m.group(2) != null && method.equals("POST")) {
                JsonNode body = request.jsonBody();
                sim.consume(m.group(1), body.path("site").asInt(1), body.path("quantity").asInt(0));
                return ok(stock(m.group(1)));
            }
        }
        if ((m = ITEM.matcher(path)).matches()) {
            if (method.equals("PUT")) {
                sim.updateItem(m.group(1), request.jsonBody());
                return ok(SimJson.object().put("updated", m.group(1)));
            }
            if (method.equals("DELETE")) {
                sim.deleteItem(m.group(1));
                return ok(SimJson.object().put("deleted", m.group(1)));
            }
        }
        if ((m = RETURN.matcher(path)).matches() && !List.of("poll", "retry", "rejected").contains(m.group(1))) {
            if (m.group(2) == null && method.equals("GET")) {
                KccReturns.KccReturn found;
                synchronized (sim) {
                    found = sim.returns.get(m.group(1));
                }
                return found == null ? error(404, "no imported return " + m.group(1)) : ok(found.toJson());
            }
            if (m.group(2) != null && method.equals("POST")) {
                return ok(sim.processReturn(m.group(1)).toJson());
            }
        }
        if ((m = ORDER.matcher(path)).matches() && !m.group(1).equals("retry")) {
            String key = m.group(1);
            if (m.group(2) == null && method.equals("GET")) {
                return sim.order(key).map(o -> ok(orderJson(o))).orElse(error(404, "no imported order " + key));
            }
            if ("/despatch".equals(m.group(2)) && method.equals("POST")) {
                JsonNode body = request.jsonBody();
                List<KhaosSimulator.DespatchLine> lines = new ArrayList<>();
                body.path("lines").forEach(l -> lines.add(new KhaosSimulator.DespatchLine(l.path("sku").asText(),
                        l.path("quantity").asDouble())));
                List<KhaosSimulator.Parcel> parcels = new ArrayList<>();
                body.path("parcels").forEach(p -> parcels.add(new KhaosSimulator.Parcel(p.path("consignmentRef").asText(null),
                        p.path("courier").asText(null))));
                return ok(orderJson(sim.despatch(key, lines, parcels)));
            }
            if ("/cancel".equals(m.group(2)) && method.equals("POST")) {
                return ok(orderJson(sim.cancel(key)));
            }
        }
        switch (method + " " + path) {
            case "GET /_control" -> {
                return ok(summary());
            }
            case "POST /_control/returns/poll" -> {
                return ok(sim.pollReturns(List.of()));
            }
            case "POST /_control/returns/retry" -> {
                List<String> refs = new ArrayList<>();
                request.jsonBody().path("refs").forEach(r -> refs.add(r.asText()));
                if (refs.isEmpty()) {
                    return error(400, "send {\"refs\": [\"return AssociatedRef\", …]}");
                }
                return ok(sim.pollReturns(refs));
            }
            case "GET /_control/returns" -> {
                ArrayNode list = SimJson.array();
                synchronized (sim) {
                    sim.returns.values().forEach(r -> list.add(r.toJson()));
                }
                return ok(SimJson.object().<ObjectNode>set("returns", list).set("lastPoll", sim.lastReturnPoll()));
            }
            case "GET /_control/returns/rejected" -> {
                ArrayNode list = SimJson.array();
                synchronized (sim) {
                    sim.rejectedReturns.values().forEach(r -> list.add(r.toJson()));
                }
                return ok(SimJson.object().set("rejected", list));
            }
            case "GET /_control/customers" -> {
                ArrayNode list = SimJson.array();
                synchronized (sim) {
                    sim.accounts.forEach((urn, name) -> list.addObject().put("urn", urn).put("name", name));
                }
                return ok(SimJson.object().set("customers", list));
            }
            case "GET /_control/return-reasons" -> {
                ArrayNode list = SimJson.array();
                KccReturns.REASONS.forEach(r -> list.addObject().put("id", r.id()).put("code", r.code()).put("name", r.name()));
                return ok(SimJson.object().set("reasons", list));
            }
            case "POST /_control/connect" -> {
                return ok(sim.connect());
            }
            case "POST /_control/poll" -> {
                return ok(sim.poll(List.of()));
            }
            case "POST /_control/orders/retry" -> {
                List<String> refs = new ArrayList<>();
                request.jsonBody().path("refs").forEach(r -> refs.add(r.asText()));
                if (refs.isEmpty()) {
                    return error(400, "send {\"refs\": [\"AssociatedRef\", …]}");
                }
                return ok(sim.poll(refs));
            }
            case "GET /_control/orders" -> {
                ArrayNode list = SimJson.array();
                synchronized (sim) {
                    sim.orders.values().forEach(o -> list.add(orderJson(o)));
                }
                return ok(SimJson.object().set("orders", list));
            }
            case "GET /_control/rejected" -> {
                ArrayNode list = SimJson.array();
                synchronized (sim) {
                    sim.rejected.values().forEach(r -> list.add(r.toJson()));
                }
                return ok(SimJson.object().set("rejected", list));
            }
            case "GET /_control/pushes" -> {
                String kind = request.query().get("kind");
                ArrayNode list = SimJson.array();
                sim.pushes.attempts().stream().filter(a -> kind == null || a.kind().equals(kind)).forEach(a -> list.add(a.toJson()));
                return ok(SimJson.object().put("idle", sim.pushesIdle()).set("pushes", list));
            }
            case "POST /_control/stock/push-all" -> {
                sim.pushAllStock();
                return ok(SimJson.object().put("pushed", "all stock levels"));
            }
            case "POST /_control/items/generate" -> {
                JsonNode body = request.jsonBody();
                int count = body.path("count").asInt(0);
                if (count < 1 || count > 200_000) {
                    return error(400, "send {\"count\": 1 to 200000, \"prefix\": \"GEN-\", \"physical\": 10}");
                }
                return ok(sim.generateItems(body.path("prefix").asText("GEN-"), count, body.path("physical").asInt(10)));
            }
            case "POST /_control/price-lists/push" -> {
                return ok(SimJson.object().put("posts", sim.pushPriceLists()));
            }
            case "POST /_control/items/push-all" -> {
                sim.pushWholeCatalogue();
                return ok(SimJson.object().put("pushed", "the whole catalogue"));
            }
            case "GET /_control/faults" -> {
                return ok(sim.faults.settings().toJson());
            }
            case "PUT /_control/faults" -> {
                sim.faults.set(sim.faults.settings().merge(request.jsonBody()));
                return ok(sim.faults.settings().toJson());
            }
            case "GET /_control/settings" -> {
                return ok(settings());
            }
            case "PUT /_control/settings" -> {
                JsonNode body;
                try {
                    body = withProfile(request.jsonBody());
                } catch (IllegalArgumentException e) {
                    return error(400, e.getMessage());
                }
                KhaosSimulator.DuplicateAssociatedRef duplicates;
                KhaosSimulator.ContinuationEcho echo;
                KhaosSimulator.SpecificIdsFormat format;
                KhaosSimulator.Lifecycle lifecycle;
                KccPushes.Order order;
                KccReturns.SourceShape sourceShape;
                int giveUpAfter;
                int perPost;
                double timeouts = body.path("downloadTimeoutRate").asDouble(sim.downloadTimeoutRate());
                try {
                    duplicates = choice(body, "duplicateAssociatedRef", KhaosSimulator.DuplicateAssociatedRef.class,
                            sim.duplicateAssociatedRef());
                    echo = choice(body, "continuationEcho", KhaosSimulator.ContinuationEcho.class, sim.continuationEcho());
                    format = choice(body, "specificIdsFormat", KhaosSimulator.SpecificIdsFormat.class, sim.specificIdsFormat());
                    order = choice(body, "pushOrder", KccPushes.Order.class, sim.pushes.order());
                    lifecycle = choice(body, "lifecycle", KhaosSimulator.Lifecycle.class, sim.lifecycle());
                    sourceShape = choice(body, "returnSourceReference", KccReturns.SourceShape.class, sim.returnSourceShape());
                    if (body.has("downloadTimeoutRate") && !body.path("downloadTimeoutRate").isNumber()
                            || !(timeouts >= 0 && timeouts <= 1)) {
                        throw new IllegalArgumentException("downloadTimeoutRate must be a number from 0 to 1, was "
                                + body.path("downloadTimeoutRate"));
                    }
                    giveUpAfter = wholeNumber(body, "pushGiveUpAfter", sim.pushes.giveUpAfter(), 0);
                    perPost = wholeNumber(body, "statusesPerPost", sim.statusesPerPost(), 1);
                } catch (IllegalArgumentException e) {
                    return error(400, e.getMessage());
                }
                sim.pushes.order(order);
                sim.pushes.giveUpAfter(giveUpAfter);
                sim.statusesPerPost(perPost);
                sim.specificIdsFormat(format);
                sim.lifecycle(lifecycle);
                sim.returnSourceShape(sourceShape);
                sim.duplicateAssociatedRef(duplicates);
                sim.continuationEcho(echo);
                sim.downloadTimeoutRate(timeouts);
                if (body.has("pollSeconds")) {
                    sim.pollInterval(Duration.ofMillis(Math.round(body.path("pollSeconds").asDouble() * 1000)));
                }
                if (body.has("autoDespatchSeconds")) {
                    sim.autoDespatchAfter(Duration.ofSeconds(body.path("autoDespatchSeconds").asLong()));
                }
                if (body.has("retryDelayScale")) {
                    sim.pushes.retryDelayScale(body.path("retryDelayScale").asDouble());
                }
                if (body.has("httpTimeoutMs")) {
                    sim.pushes.timeoutMs(body.path("httpTimeoutMs").asLong());
                }
                return ok(settings());
            }
            default -> {
                return error(404, "no control route " + method + " " + path + "; see GET /_control for the list");
            }
        }
    }

    private ObjectNode summary() {
        ObjectNode s = SimJson.object();
        s.set("connection", sim.connection());
        s.set("lastPoll", sim.lastPoll());
        synchronized (sim) {
            s.put("importedOrders", sim.orders.size()).put("rejectedOrders", sim.rejected.size())
                    .put("importedReturns", sim.returns.size()).put("rejectedReturns", sim.rejectedReturns.size())
                    .put("downloadsTimedOut", sim.downloadsTimedOut.get())
                    .put("stockItems", sim.catalogue.byId.size());
            ArrayNode sites = s.putArray("sites");
            sim.catalogue.sites.forEach(site -> sites.addObject().put("id", site.id()).put("name", site.name()));
            ArrayNode couriers = s.putArray("couriers");
            sim.catalogue.couriers.forEach(c -> couriers.addObject().put("id", c.id()).put("code", c.code()).put("name", c.name()));
            ArrayNode taxRates = s.putArray("taxRates");
            sim.catalogue.taxRates.values().forEach(t -> taxRates.addObject().put("code", t.code()).put("name", t.name())
                    .put("percent", t.percent()));
        }
        s.set("faults", sim.faults.settings().toJson());
        s.set("settings", settings());
        ArrayNode routes = s.putArray("controlRoutes");
        List.of("POST /_control/connect", "POST /_control/poll", "POST /_control/orders/retry", "GET /_control/orders",
                "GET /_control/orders/{ref}", "POST /_control/orders/{ref}/despatch", "POST /_control/orders/{ref}/cancel",
                "GET /_control/rejected", "GET /_control/stock/{code}", "PUT /_control/stock/{code}/sites/{site}",
                "POST /_control/stock/{code}/consume", "POST /_control/stock/push-all", "PUT|DELETE /_control/items/{code}",
                "POST /_control/items/push-all", "POST /_control/price-lists/push", "GET /_control/pushes", "GET|PUT /_control/faults", "GET|PUT /_control/settings",
                "POST /_control/returns/poll", "POST /_control/returns/retry", "GET /_control/returns", "GET /_control/returns/{ref}",
                "POST /_control/returns/{ref}/process", "GET /_control/returns/rejected", "GET /_control/customers",
                "GET /_control/return-reasons")
                .forEach(routes::add);
        return s;
    }

    /**
     * KCC's unknowns at one side each: {@code default} (what the simulator has always done) or {@code hostile} (the
     * side that hurts the integration: repeats imported, a timed-out page imported and asked for again, 10% of
     * downloads timing out, pushes never dropped, in parallel, three statuses a post, every invoice stage pushed). Settings named beside the
     * profile win.
     */
    static final Map<String, String> PROFILES = Map.of(
            "default", "{\"duplicateAssociatedRef\":\"reject\",\"continuationEcho\":\"after-import\",\"downloadTimeoutRate\":0,"
                    + "\"pushGiveUpAfter\":10,\"pushOrder\":\"fifo\",\"statusesPerPost\":1,\"specificIdsFormat\":\"plain\",\"lifecycle\":\"short\"}",
            "hostile", "{\"duplicateAssociatedRef\":\"import\",\"continuationEcho\":\"never-on-timeout\",\"downloadTimeoutRate\":0.1,"
                    + "\"pushGiveUpAfter\":0,\"pushOrder\":\"parallel\",\"statusesPerPost\":3,\"specificIdsFormat\":\"quoted\","
                    + "\"lifecycle\":\"full\"}");

    private static JsonNode withProfile(JsonNode body) {
        if (!body.has("profile")) {
            return body;
        }
        String profile = PROFILES.get(body.path("profile").asText());
        if (profile == null) {
            throw new IllegalArgumentException("profile must be \"default\" or \"hostile\", was " + body.path("profile"));
        }
        try {
            ObjectNode effective = (ObjectNode) SimJson.read(profile.getBytes(StandardCharsets.UTF_8));
            body.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("profile")) {
                    effective.set(f.getKey(), f.getValue());
                }
            });
            return effective;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The named value of a setting, or {@code current} when the setting is not given. */
    private static <E extends Enum<E> & SettingChoice> E choice(JsonNode body, String name, Class<E> type, E current) {
        return body.has(name) ? SettingChoice.of(type, name, body.path(name).asText()) : current;
    }

    /** A whole number of at least {@code min}, or {@code current} when the setting is not given. */
    private static int wholeNumber(JsonNode body, String name, int current, int min) {
        if (!body.has(name)) {
            return current;
        }
        JsonNode value = body.path(name);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min) {
            throw new IllegalArgumentException(name + " must be a whole number of at least " + min + ", was " + value);
        }
        return value.asInt();
    }

    private ObjectNode settings() {
        return SimJson.object().put("pollSeconds", sim.pollInterval().toMillis() / 1000.0)
                .put("autoDespatchSeconds", sim.autoDespatchAfter().toSeconds())
                .put("retryDelayScale", sim.pushes.retryDelayScale()).put("httpTimeoutMs", sim.pushes.timeoutMs())
                .put("channelId", sim.channelId()).put("duplicateAssociatedRef", sim.duplicateAssociatedRef().setting())
                .put("continuationEcho", sim.continuationEcho().setting()).put("downloadTimeoutRate", sim.downloadTimeoutRate())
                .put("pushOrder", sim.pushes.order().setting()).put("pushGiveUpAfter", sim.pushes.giveUpAfter())
                .put("statusesPerPost", sim.statusesPerPost())
                .put("specificIdsFormat", sim.specificIdsFormat().setting()).put("lifecycle", sim.lifecycle().setting())
                .put("returnSourceReference", sim.returnSourceShape().setting());
    }

    private ObjectNode stock(String code) {
        KccItem item = sim.itemByCode(code);
        ObjectNode s = SimJson.object().put("stockCode", item.stockCode).put("stockId", item.stockId)
                .put("stockControlled", item.stockControlled).put("discontinued", item.discontinued).put("runToZero", item.runToZero);
        ArrayNode sites = s.putArray("sites");
        synchronized (sim) {
            for (KccCatalogue.Site site : sim.catalogue.sites) {
                KccStock.Level level = sim.stock.level(item.stockId, site.id());
                ObjectNode l = sites.addObject().put("site", site.id()).put("physical", level.physical)
                        .put("allocated", level.allocated).put("available", level.available()).put("onOrder", level.onOrder);
                if (item.isBuild()) {
                    l.put("buildPotential", sim.stock.buildPotential(item, site.id()));
                }
                sim.lastPushed(item.stockCode, site.id()).ifPresent(f -> l.put("lastPushed", f));
            }
        }
        return s;
    }

    private ObjectNode orderJson(KccOrder order) {
        synchronized (sim) {
            ObjectNode o = SimJson.object().put("orderId", order.orderId).put("orderCode", order.orderCode)
                    .put("associatedRef", order.associatedRef).put("status", order.status).put("held", order.held)
                    .put("urn", order.urn)
                    .put("site", order.site).put("importedAt", order.importedAt.toString())
                    .put("courier", order.courier == null ? "" : order.courier.code());
            o.set("payments", order.received.path("Payments").isArray() ? order.received.path("Payments").deepCopy() : SimJson.array());
            ArrayNode lines = o.putArray("lines");
            order.lines.forEach(l -> lines.addObject().put("orderItemId", l.orderItemId).put("sku", l.sku).put("stockCode", l.stockCode)
                    .put("quantity", l.quantity).put("despatched", l.despatched).put("unitGross", l.unitGross)
                    .put("lineGross", l.lineGross).put("site", l.site));
            ArrayNode skipped = o.putArray("skippedSkus");
            order.skippedSkus.forEach(skipped::add);
            o.putObject("totals").put("calcMethod", order.calcNet ? "net" : "gross").put("goodsGross", order.goodsGross)
                    .put("deliveryGross", order.deliveryGross).put("deliveryCalculatedByKhaos", order.deliveryCalculated)
                    .put("total", order.total).put("grossTotalSent", order.grossTotalSent)
                    .put("roundingCorrection", order.roundingCorrection);
            o.set("lastStatus", KccMessages.orderStatus(order, sim.channelId(), "Status"));
            return o;
        }
    }

    private static SimResponse ok(JsonNode body) {
        return SimResponse.json(200, SimJson.write(body));
    }

    private static SimResponse error(int status, String message) {
        return SimResponse.json(status, SimJson.write(SimJson.object().put("error", message)));
    }
}
