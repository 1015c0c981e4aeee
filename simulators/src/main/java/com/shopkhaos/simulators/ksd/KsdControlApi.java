package com.shopkhaos.simulators.ksd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SimJson;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The on-premises Khaos simulator's control API (documented in the README), under {@code /_control}. */
final class KsdControlApi {
    private static final Pattern STOCK = Pattern.compile("/_control/stock/([^/]+)");
    private static final Pattern SITE = Pattern.compile("/_control/sites/(\\d+)");
    private static final Pattern ORDER = Pattern.compile("/_control/orders/([^/]+)(/stage|/despatch|/cancel)?");

    private final KsdSimulator sim;

    KsdControlApi(KsdSimulator sim) {
        this.sim = sim;
    }

    SimResponse handle(SimRequest request) {
        try {
            return route(request);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return error(409, e.getMessage());
        } catch (IOException e) {
            return error(400, "the body is not JSON");
        }
    }

    private SimResponse route(SimRequest request) throws IOException {
        String path = request.path().replaceAll("/+$", "");
        String method = request.method();
        Matcher m;
        if (path.equals("/_control") && method.equals("GET")) {
            return ok(overview());
        }
        if (path.equals("/_control/settings") && method.equals("PUT")) {
            sim.setSettings(sim.settings().merge(request.jsonBody()));
            return ok(sim.settings().toJson());
        }
        if (path.equals("/_control/faults") && method.equals("PUT")) {
            sim.setFaults(sim.faults().merge(request.jsonBody()));
            return ok(sim.faults().toJson());
        }
        if (path.equals("/_control/down") && method.equals("POST")) {
            JsonNode body = request.jsonBody();
            if (!body.path("seconds").isIntegralNumber() || body.path("seconds").asLong() < 0) {
                return error(400, "send {\"seconds\": whole number, 0 to bring the server back}");
            }
            synchronized (sim) {
                sim.downUntil = sim.clock.instant().plus(Duration.ofSeconds(body.path("seconds").asLong()));
            }
            return ok(overview());
        }
        if ((m = SITE.matcher(path)).matches() && method.equals("PUT")) {
            String name = request.jsonBody().path("name").asText("");
            if (name.isBlank()) {
                return error(400, "send {\"name\": the site's name}");
            }
            synchronized (sim) {
                sim.sites.put(Integer.parseInt(m.group(1)), name);
            }
            return ok(overview());
        }
        if ((m = STOCK.matcher(path)).matches()) {
            if (method.equals("PUT")) {
                JsonNode body = request.jsonBody();
                if (!body.path("level").isIntegralNumber()) {
                    return error(400, "send {\"level\": whole number, \"site\": optional site id (1), \"description\": optional, "
                            + "\"vatRate\": optional percent (20)}");
                }
                sim.setLevel(m.group(1), body.path("site").asInt(1), body.path("level").asInt(),
                        body.hasNonNull("description") ? body.path("description").asText() : null,
                        body.hasNonNull("vatRate") ? new BigDecimal(body.path("vatRate").asText()) : null);
                return ok(item(m.group(1)));
            }
            if (method.equals("GET")) {
                return ok(item(m.group(1)));
            }
        }
        if (path.equals("/_control/orders") && method.equals("GET")) {
            ArrayNode list = SimJson.array();
            synchronized (sim) {
                sim.orders.values().forEach(o -> list.add(order(o)));
            }
            return ok(SimJson.object().set("orders", list));
        }
        if ((m = ORDER.matcher(path)).matches()) {
            String ref = m.group(1);
            String action = m.group(2);
            JsonNode body = request.jsonBody();
            if (action == null && method.equals("GET")) {
                ArrayNode found = SimJson.array();
                sim.byRef(ref).forEach(o -> found.add(order(o)));
                if (found.isEmpty()) {
                    return error(404, "no order with ASSOCIATED_REF " + ref);
                }
                return ok(SimJson.object().set("orders", found));
            }
            if ("/stage".equals(action) && method.equals("POST")) {
                if (!body.path("stage").isIntegralNumber()) {
                    return error(400, "send {\"stage\": an invoice stage id, 9 to 21}");
                }
                sim.moveTo(ref, body.path("stage").asInt());
                return ok(order(sim.only(ref)));
            }
            if ("/despatch".equals(action) && method.equals("POST")) {
                List<String> boxes = new ArrayList<>();
                body.path("boxes").forEach(b -> boxes.add(b.asText()));
                sim.despatch(ref, body.hasNonNull("quantity") ? body.path("quantity").asInt() : null, boxes,
                        body.hasNonNull("courier") ? body.path("courier").asText() : null);
                return ok(order(sim.only(ref)));
            }
            if ("/cancel".equals(action) && method.equals("POST")) {
                sim.cancel(ref, body.path("reason").asText(""));
                return ok(order(sim.only(ref)));
            }
        }
        return error(404, "no such control route: " + method + " " + path + " (GET /_control lists them)");
    }

    private ObjectNode overview() {
        ObjectNode out = SimJson.object();
        synchronized (sim) {
            out.set("settings", sim.settings().toJson());
            out.set("faults", sim.faults().toJson());
            out.put("down", sim.clock.instant().isBefore(sim.downUntil));
            ObjectNode sites = out.putObject("sites");
            sim.sites.forEach((id, name) -> sites.put(Integer.toString(id), name));
            out.put("orders", sim.orders.size());
            ObjectNode calls = out.putObject("calls");
            sim.calls.forEach(calls::put);
        }
        ArrayNode routes = out.putArray("routes");
        List.of("PUT /_control/settings {profile: default|hostile, duplicateAssociatedRef: skip|fault|import, batch: all|first, "
                        + "orderAmountMismatch: import|skip, statusDates: changed|created}",
                "PUT /_control/faults {seed, errorRate, timeoutRate, timeoutMs, lostAnswerRate, slowMs}",
                "POST /_control/down {seconds}", "PUT /_control/sites/{id} {name}",
                "PUT /_control/stock/{code} {level, site, description, vatRate}", "GET /_control/stock/{code}",
                "GET /_control/orders", "GET /_control/orders/{associatedRef}",
                "POST /_control/orders/{associatedRef}/stage {stage}",
                "POST /_control/orders/{associatedRef}/despatch {quantity, boxes: [consignment refs], courier}",
                "POST /_control/orders/{associatedRef}/cancel {reason}").forEach(routes::add);
        return out;
    }

    private ObjectNode item(String code) {
        synchronized (sim) {
            KsdOrders.Item item = sim.stock.get(code);
            if (item == null) {
                throw new IllegalArgumentException("no stock item " + code);
            }
            ObjectNode out = SimJson.object().put("code", item.code).put("id", item.id).put("description", item.description)
                    .put("vatRate", item.vatRate.toPlainString());
            ObjectNode levels = out.putObject("levels");
            item.level.forEach((site, level) -> levels.put(Integer.toString(site), level));
            return out;
        }
    }

    private ObjectNode order(KsdOrders.Order o) {
        synchronized (sim) {
            ObjectNode out = SimJson.object().put("salesOrderCode", o.code).put("associatedRef", o.associatedRef)
                    .put("itemsGross", o.itemsGross().toPlainString()).put("deliveryGross", o.deliveryGross.toPlainString())
                    .put("complete", o.complete()).put("cancelled", o.cancelled());
            ArrayNode lines = out.putArray("lines");
            o.lines.forEach(l -> lines.add(SimJson.object().put("stockCode", l.stockCode()).put("quantity", l.quantity())
                    .put("unitGross", l.unitGross().toPlainString())));
            ArrayNode invoices = out.putArray("invoices");
            o.invoices.forEach(i -> {
                ObjectNode inv = SimJson.object().put("code", i.code).put("stage", i.stage).put("qtySold", i.qtySold)
                        .put("qtySent", i.qtySent);
                ArrayNode boxes = inv.putArray("boxes");
                i.boxes.forEach(boxes::add);
                invoices.add(inv);
            });
            return out;
        }
    }

    private static SimResponse ok(JsonNode body) {
        return SimResponse.json(200, body.toString());
    }

    private static SimResponse error(int status, String message) {
        return SimResponse.json(status, SimJson.object().put("error", message).toString());
    }
}
