package com.shopkhaos.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.infra.web.OpsAccess;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.RefusedRequestException;
import com.shopkhaos.model.ledger.TimelineEntry;
import com.shopkhaos.model.ops.ConsoleSessions;
import com.shopkhaos.model.ops.ConsoleSignIn;
import com.shopkhaos.model.ops.ExceptionActions;
import com.shopkhaos.model.ops.ExceptionListing;
import com.shopkhaos.model.ops.ExceptionQuery;
import com.shopkhaos.model.ops.ExceptionViews;
import com.shopkhaos.model.ops.HealthFigures;
import com.shopkhaos.model.ops.OpsAction;
import com.shopkhaos.model.ops.OpsMappings;
import com.shopkhaos.model.ops.ProblemSummary;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.OrderRetryService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import com.shopkhaos.model.order.TaxPortion;
import com.shopkhaos.model.audit.AuditQuery;
import com.shopkhaos.model.audit.AuditRequests;
import com.shopkhaos.model.audit.AuditRun;
import com.shopkhaos.model.audit.AuditStatus;
import com.shopkhaos.model.audit.AuditTrigger;
import com.shopkhaos.model.reconciliation.BusinessDay;
import com.shopkhaos.model.reconciliation.ReconciliationQuery;
import com.shopkhaos.model.reconciliation.ReconciliationReason;
import com.shopkhaos.model.reconciliation.ReconciliationLine;
import com.shopkhaos.model.reconciliation.ReconciliationReport;
import com.shopkhaos.model.reconciliation.ReconciliationReports;
import com.shopkhaos.model.reconciliation.ReconciliationSummary;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.ReturnRequests;
import com.shopkhaos.model.returns.ReturnsByPerson;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The ops API's routes, defined once for the Lambda and the sandbox (each declares a subclass with {@code @Path("/ops")}):
 * the exception ledger under {@code /ops/api} (list, one with its order's timeline, resolve with a note, retry, retry a
 * whole type), an order's view, the mappings, the summary, and the older {@code POST /ops/orders/{ref}/retry}. The use
 * cases answer in types; the JSON words they always had are chosen here. Every route but {@code /ops/health}
 * needs a caller ({@link OpsAccess}); every action is recorded with who and when.
 */
@RegisterForReflection(targets = {ExceptionViews.ExceptionSummary.class, ExceptionListing.NumberedPage.class,
        ExceptionViews.OrderView.class, ExceptionListing.ExceptionDetail.class, ExceptionActions.BulkResult.class,
        OpsMappings.MappingSaved.class, OpsAction.class, TimelineEntry.class,
        OrderMappings.Overrides.class, ConsoleSignIn.class,
        ProblemSummary.Summary.class, ProblemSummary.KindSummary.class, ReconciliationSummary.class,
        ReconciliationSummary.CurrencyTotals.class, ReconciliationSummary.RateTotals.class, ReconciliationSummary.GroupTotals.class,
        ReconciliationSummary.ReasonTotals.class, ReconciliationLine.class, ReconciliationLine.Finding.class,
        ReconciliationLine.Facts.class, TaxPortion.class, AuditRun.class, com.shopkhaos.model.audit.AuditFinding.class})
public abstract class OpsEndpoints {
    /** The console's session cookie (HttpOnly, SameSite=Strict, path /ops). */
    public static final String SESSION_COOKIE = "ops_session";
    private static final System.Logger LOG = System.getLogger(OpsEndpoints.class.getName());

    @Inject
    OrderRetryService retries;

    @Inject
    ExceptionListing listing;

    @Inject
    ExceptionActions exceptionActions;

    @Inject
    OpsMappings opsMappings;

    @Inject
    ProblemSummary problems;

    @Inject
    OpsAccess access;

    @Inject
    ConsoleSessions sessions;

    @Inject
    ConsoleSignIn signIn;

    /** Scripts and styles from this server only; nothing inline can run, so customer text can never become code. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** How the page signs people in (public: the page needs it before anyone has signed in; nothing secret). */
    @GET
    @Path("console-config")
    @Produces(MediaType.APPLICATION_JSON)
    public Response consoleConfig() {
        return json(200, signIn);
    }

    /** The console's sign-in form (where OPS_CONSOLE_USERS names people; in AWS the user pool signs people in). */
    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response loginPage() {
        return Response.ok(page("login.html")).header("Cache-Control", "no-store").header("Content-Security-Policy", CSP).build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("user") String user, @FormParam("password") String password) {
        Optional<String> cookie = sessions.signIn(user, password, Instant.now());
        if (cookie.isEmpty()) {
            return Response.seeOther(URI.create("/ops/login?failed")).build();
        }
        return Response.seeOther(URI.create("/ops/console")).header("Set-Cookie", SESSION_COOKIE
                + "=" + cookie.get() + "; Path=/ops; HttpOnly; SameSite=Strict; Max-Age=28800").build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.WILDCARD)
    public Response logout() {
        return Response.seeOther(URI.create("/ops/login")).header("Set-Cookie", SESSION_COOKIE
                + "=; Path=/ops; HttpOnly; SameSite=Strict; Max-Age=0").build();
    }

    /** The console itself: one page, no external scripts or styles; it reads and acts through /ops/api. */
    @GET
    @Path("console")
    @Produces(MediaType.TEXT_HTML)
    public Response consolePage(@Context HttpHeaders headers) {
        String csp = CSP;
        if (signIn.mode().equals("cognito")) {
            // the page holds no data; it signs in with the user pool and sends the token to /ops/api
            csp = CSP.replace("default-src 'self';", "default-src 'self'; connect-src 'self' " + signIn.signInOrigin() + ";");
        } else if (!signIn.mode().equals("session")) {
            return error(404, "the console's sign-in is not set up here (OpsConsoleUrl and OpsSignInDomainPrefix)");
        } else if (sessions.who(JaxRsExchange.headers(headers).cookie(SESSION_COOKIE), Instant.now()).isEmpty()) {
            return Response.seeOther(URI.create("/ops/login")).build();
        }
        return Response.ok(page("console.html")).header("Cache-Control", "no-store").header("Content-Security-Policy", csp).build();
    }

    @Inject
    HealthFigures health;

    @GET
    @Path("api/health")
    public Response healthFigures(@Context HttpHeaders headers) {
        return as(headers, who -> json(200, new TreeMap<>(health.now())));
    }

    @GET
    @Path("api/summary")
    public Response summary(@Context HttpHeaders headers) {
        return as(headers, who -> json(200, problems.summary()));
    }

    @GET
    @Path("api/exception-types")
    public Response exceptionTypes(@Context HttpHeaders headers) {
        return as(headers, who -> json(200, Arrays.stream(ExceptionType.values())
                .map(t -> Map.of("type", t.name(), "title", t.title(), "handbook", t.handbookAnchor())).toList()));
    }

    @GET
    @Path("api/mappings")
    public Response mappings(@Context HttpHeaders headers) {
        return as(headers, who -> json(200, opsMappings.current()));
    }

    @POST
    @Path("api/mappings")
    @Consumes(MediaType.WILDCARD)
    public Response saveMapping(@Context HttpHeaders headers, String body) {
        return as(headers, who -> {
            Optional<String> kind = field(body, "kind");
            if (kind.isEmpty()) {
                return error(400, "send {\"kind\": \"SKU\", \"key\": \"...\", \"value\": \"...\"} as JSON");
            }
            return json(200, opsMappings.save(kind.get(), field(body, "key").orElse(""), field(body, "value").orElse(""), who));
        });
    }

    @GET
    @Path("assets/{file}")
    public Response asset(@PathParam("file") String file) {
        if (!file.matches("[a-z-]+\\.(js|css)")) {
            return Response.status(404).build();
        }
        byte[] body = page(file);
        if (body.length == 0) {
            return Response.status(404).build();
        }
        return Response.ok(body).type(file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8")
                .header("Cache-Control", "no-cache").build();
    }

    private static byte[] page(String name) {
        try (InputStream in = OpsEndpoints.class.getResourceAsStream("/ops-console/" + name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public String health() {
        return "{\"status\":\"UP\"}";
    }

    @POST
    @Path("orders/{ref}/retry")
    @Consumes(MediaType.WILDCARD)
    public Response retry(@Context HttpHeaders headers, @PathParam("ref") String ref) {
        return as(headers, who -> {
            OrderRetryService.Answer answer;
            try {
                answer = retries.retry(ref, who);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "retry of " + ref + " failed: " + e);
                return error(503, "could not queue the retry, try again");
            }
            LOG.log(System.Logger.Level.INFO, "retry of order " + answer.order().map(o -> o.orderNumber()).orElse("")
                    + ": " + answer.outcome());
            Map<String, String> json = new LinkedHashMap<>();
            json.put("outcome", answer.outcome().name());
            json.put("orderNumber", answer.order().map(o -> o.orderNumber()).orElse(""));
            json.put("state", answer.order().map(o -> o.state().name()).orElse(""));
            json.put("message", answer.message());
            return json(switch (answer.outcome()) {
                case QUEUED -> 202;
                case NOT_FOUND -> 404;
                case NOT_RETRYABLE -> 409;
            }, json);
        });
    }

    @GET
    @Path("api/exceptions")
    public Response exceptions(@Context HttpHeaders headers, @Context UriInfo uri) {
        return as(headers, who -> {
            Map<String, String> params = new HashMap<>();
            uri.getQueryParameters().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
            return json(200, listAnswer(listing.list(ExceptionQuery.parse(params))));
        });
    }

    @GET
    @Path("api/exceptions/{id}")
    public Response exception(@Context HttpHeaders headers, @PathParam("id") String id) {
        return as(headers, who -> listing.exception(id).map(d -> json(200, d)).orElseGet(() -> error(404, "no exception " + id)));
    }

    @POST
    @Path("api/exceptions/{id}/resolve")
    @Consumes(MediaType.WILDCARD)
    public Response resolve(@Context HttpHeaders headers, @PathParam("id") String id, String body) {
        return as(headers, who -> {
            Optional<String> read = field(body, "note");
            if (read.isEmpty()) {
                return error(400, "send {\"note\": \"...\"} as JSON (the note may be empty)");
            }
            String note = read.get();
            if (note.length() > 1000) {
                return error(400, "a note is at most 1000 characters");
            }
            ExceptionActions.ActionResult result = exceptionActions.resolve(id, note, who);
            return json(result.found() ? 200 : 404, actionAnswer(result));
        });
    }

    @POST
    @Path("api/exceptions/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    public Response retryException(@Context HttpHeaders headers, @PathParam("id") String id) {
        return as(headers, who -> {
            ExceptionActions.ActionResult result = exceptionActions.retry(id, who);
            return json(switch (result.outcome()) {
                case QUEUED -> 202;
                case NOT_FOUND -> 404;
                case DONE, NOT_RETRYABLE -> 409;
            }, actionAnswer(result));
        });
    }

    @POST
    @Path("api/exception-types/{type}/retry")
    @Consumes(MediaType.WILDCARD)
    public Response retryType(@Context HttpHeaders headers, @PathParam("type") String type) {
        return as(headers, who -> {
            ExceptionType t;
            try {
                t = ExceptionType.valueOf(type.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                return error(404, "no exception type " + type);
            }
            return json(202, exceptionActions.retryAll(t, who));
        });
    }

    @Inject
    ReconciliationReports reconciliations;

    @Inject
    Clock clock;

    /** The last 31 days' reconciliation summaries (London days), newest first: {@code {days: [...]}}. */
    @GET
    @Path("api/reconciliation")
    public Response reconciliationDays(@Context HttpHeaders headers) {
        return as(headers, who -> {
            LocalDate today = BusinessDay.of(clock.instant()).date();
            return json(200, Map.of("days", reconciliations.summaries(today.minusDays(30), today)));
        });
    }

    /** A CSV as downloaded: plain, or gzipped when large ({@link ReconciliationViews.CsvBody}). */
    private static Response csvDownload(ReconciliationViews.CsvBody body, String name) {
        return Response.ok(body.bytes(), body.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + name + body.suffix() + "\"")
                .header("Cache-Control", "no-store").build();
    }

    /**
     * One day's report: {@code {day, generatedAt, summary, lines, total, page, size}}, its lines filtered by
     * {@code reason} (one or more, comma separated) and paged ({@code page} from 1, {@code size} up to 1000); with
     * {@code .csv} after the day, every line as CSV (gzipped when large: {@link ReconciliationViews}).
     */
    @GET
    @Path("api/reconciliation/{day}")
    public Response reconciliationDay(@Context HttpHeaders headers, @PathParam("day") String dayText, @Context UriInfo uri) {
        return as(headers, who -> {
            boolean csv = dayText.endsWith(".csv");
            LocalDate day = ReconciliationQuery.day(csv ? dayText.substring(0, dayText.length() - 4) : dayText);
            Optional<ReconciliationReport> report = reconciliations.find(day);
            if (report.isEmpty()) {
                return error(404, "no reconciliation of " + day + " yet (it runs each night for the day before)");
            }
            if (csv) {
                return csvDownload(ReconciliationViews.CsvBody.of(ReconciliationViews.csv(report.get())), "reconciliation-" + day);
            }
            ReconciliationQuery query = ReconciliationQuery.parse(uri.getQueryParameters().getFirst("reason"),
                    uri.getQueryParameters().getFirst("page"), uri.getQueryParameters().getFirst("size"));
            List<ReconciliationLine> matching = report.get().lines().stream().filter(query::matches).toList();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("day", day.toString());
            answer.put("generatedAt", report.get().generatedAt().toString());
            answer.put("changesFrom", report.get().changesFrom().toString());
            answer.put("summary", report.get().summary());
            answer.put("reasons", Arrays.stream(ReconciliationReason.values()).map(r -> Map.of("reason", r.name(), "title", r.title(),
                    "whoActs", r.whoActs(), "handbook", r.handbookAnchor())).toList());
            answer.put("lines", query.page(matching).stream().map(ReconciliationViews::line).toList());
            answer.put("total", matching.size());
            answer.put("page", query.page());
            answer.put("size", query.size());
            return json(200, answer);
        });
    }

    @Inject
    AuditRequests audits;

    /**
     * Starts a run of the go-live audit: 202 with the run ({@code {id, status: RUNNING, ...}}) and its address in
     * {@code Location}; it reads the shop and the Khaos catalogue elsewhere and never writes to either. 409 with the run
     * under way while another runs.
     */
    @POST
    @Path("api/audit/runs")
    @Consumes(MediaType.WILDCARD)
    public Response startAudit(@Context HttpHeaders headers, @Context UriInfo uri) {
        return as(headers, who -> {
            AuditRun run;
            try {
                run = audits.request(AuditTrigger.PERSON, who);
            } catch (AuditRequests.AuditAlreadyRunningException e) {
                Map<String, Object> answer = new LinkedHashMap<>(AuditViews.summary(e.running()));
                answer.put("error", e.getMessage());
                return json(409, answer);
            }
            return Response.fromResponse(json(run.status() == AuditStatus.FAILED ? 503 : 202, AuditViews.summary(run)))
                    .header("Location", uri.getBaseUriBuilder().path("ops/api/audit/runs/" + run.id()).build().toString()).build();
        });
    }

    /** The latest runs, newest first (at most 20), without their findings: {@code {runs: [...]}}. */
    @GET
    @Path("api/audit/runs")
    public Response auditRuns(@Context HttpHeaders headers) {
        return as(headers, who -> json(200, Map.of("runs", audits.recent(20).stream().map(AuditViews::summary).toList())));
    }

    /**
     * One run ({@code latest}: the one started last): its status, counts per severity and kind, and its findings filtered
     * by {@code severity}, {@code kind} (comma separated), {@code q} (text) and paged ({@code page} from 1, {@code size} up
     * to 1000); with {@code .csv} after the id, every finding as CSV.
     */
    @GET
    @Path("api/audit/runs/{id}")
    public Response auditRun(@Context HttpHeaders headers, @PathParam("id") String idText, @Context UriInfo uri) {
        return as(headers, who -> {
            boolean csv = idText.endsWith(".csv");
            String id = csv ? idText.substring(0, idText.length() - 4) : idText;
            Optional<AuditRun> run = id.equals("latest") ? audits.latest() : audits.find(id);
            if (run.isEmpty()) {
                return error(404, id.equals("latest") ? "no audit has run yet; start one with POST /ops/api/audit/runs"
                        : "no audit run " + id);
            }
            if (csv) {
                // as the reconciliation's: gzipped above 4 MB, so a large run stays under Lambda's 6 MB response limit
                return csvDownload(ReconciliationViews.CsvBody.of(AuditViews.csv(run.get())), run.get().id());
            }
            AuditQuery query = AuditQuery.parse(uri.getQueryParameters().getFirst("severity"), uri.getQueryParameters().getFirst("kind"),
                    uri.getQueryParameters().getFirst("q"), uri.getQueryParameters().getFirst("page"), uri.getQueryParameters().getFirst("size"));
            return json(200, AuditViews.run(run.get(), query));
        });
    }

    @GET
    @Path("api/orders/{orderNumber}")
    public Response order(@Context HttpHeaders headers, @PathParam("orderNumber") String number) {
        return as(headers, who -> listing.order(number).map(o -> json(200, o)).orElseGet(() -> error(404, "no order " + number)));
    }

    @Inject
    ReturnsByPerson returns;

    /**
     * An order as a person picking its return sees it: {@code {orderNumber, state, urn, lines: [{lineItemId, sku, ordered,
     * despatched, returned, returnable}], returns: [{associatedRef, state, lines}]}}.
     */
    @GET
    @Path("api/orders/{orderNumber}/return")
    public Response returnable(@Context HttpHeaders headers, @PathParam("orderNumber") String number) {
        return as(headers, who -> returns.returnable(number).map(r -> json(200, returnableAnswer(r)))
                .orElseGet(() -> error(404, "no order " + number)));
    }

    /**
     * "Create the return in Khaos": {@code {"lines": [{"lineItemId": "...", "quantity": 1}], "urn": "...", "returnsSeen": 0}}
     * (urn: the customer's account in Khaos, when we do not know it; returnsSeen: how many returns the form showed, so a
     * double click is one return and a later pick of the same items another). 201 {@code {outcome: "made", associatedRef, message}};
     * 409 {@code {outcome: "refused", message}} when it cannot be a return as picked; 400 for a body not so.
     */
    @POST
    @Path("api/orders/{orderNumber}/returns")
    @Consumes(MediaType.WILDCARD)
    public Response createReturn(@Context HttpHeaders headers, @PathParam("orderNumber") String number, String body) {
        return as(headers, who -> {
            JsonNode request;
            try {
                request = InfraJson.mapper().readTree(body == null ? "" : body);
            } catch (JsonProcessingException e) {
                request = null;
            }
            if (request == null || !request.isObject() || !request.path("lines").isArray() || !request.path("urn").isMissingNode()
                    && !request.path("urn").isTextual()) {
                return error(400, "send {\"lines\": [{\"lineItemId\": \"...\", \"quantity\": 1}], \"urn\": \"...\"} as JSON");
            }
            List<ReturnsByPerson.Pick> picks = new ArrayList<>();
            for (JsonNode line : request.path("lines")) {
                if (!line.path("lineItemId").isTextual() || !line.path("quantity").isNumber()) {
                    return error(400, "each line needs a lineItemId (text) and a quantity (a number)");
                }
                picks.add(new ReturnsByPerson.Pick(line.path("lineItemId").asText(), line.path("quantity").decimalValue()));
            }
            String urn = request.path("urn").asText("");
            if (urn.length() > 50) {
                return error(400, "a customer account (URN) is at most 50 characters");
            }
            JsonNode seen = request.path("returnsSeen");
            if (!seen.isMissingNode() && !(seen.isInt() && seen.asInt() >= 0)) {
                return error(400, "returnsSeen is how many returns of the order the form showed (0 or more)");
            }
            ReturnsByPerson.Result result = returns.create(number, picks, urn, who,
                    seen.isMissingNode() ? OptionalInt.empty() : OptionalInt.of(seen.asInt()));
            Map<String, Object> answer = new LinkedHashMap<>();
            if (result instanceof ReturnsByPerson.Result.Made made) {
                answer.put("outcome", "made");
                answer.put("associatedRef", made.customerReturn().associatedRef());
                answer.put("message", made.words());
                return json(201, answer);
            }
            if (result instanceof ReturnsByPerson.Result.Refused refused) {
                answer.put("outcome", "refused");
                answer.put("message", refused.why());
                return json(409, answer);
            }
            return error(404, "no order " + number);
        });
    }

    private static Map<String, Object> returnableAnswer(ReturnRequests.Returnable r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderNumber", r.orderNumber());
        json.put("state", r.state());
        json.put("urn", r.urn().orElse(""));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ReturnRequests.ReturnableLine l : r.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("lineItemId", l.lineItemId());
            line.put("sku", l.sku());
            line.put("ordered", l.ordered());
            line.put("despatched", l.despatched());
            line.put("returned", l.returned());
            line.put("returnable", l.returnable());
            lines.add(line);
        }
        json.put("lines", lines);
        List<Map<String, Object>> made = new ArrayList<>();
        for (CustomerReturn c : r.returns()) {
            Map<String, Object> ret = new LinkedHashMap<>();
            ret.put("associatedRef", c.associatedRef());
            ret.put("state", c.state().name());
            ret.put("lines", c.lines().stream().map(l -> l.quantity().stripTrailingZeros().toPlainString() + " × " + l.sku()).toList());
            made.add(ret);
        }
        json.put("returns", made);
        return json;
    }

    /** Open problems: {@code {items, total, page, size}}; with resolved ones: {@code {items, size, next}} (null at the end). */
    private static Map<String, Object> listAnswer(ExceptionListing.ExceptionList list) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", list.items());
        if (list instanceof ExceptionListing.NumberedPage numbered) {
            json.put("total", numbered.total());
            json.put("page", numbered.page());
            json.put("size", numbered.size());
        } else if (list instanceof ExceptionListing.ContinuedPage continued) {
            json.put("size", continued.size());
            json.put("next", continued.next().map(ExceptionQuery.ListCursor::token).orElse(null));
        }
        return json;
    }

    /** An action's answer: {@code {outcome, message}}, the outcome as {@code done}, {@code queued}, {@code not-found}, {@code not-retryable}. */
    private static Map<String, String> actionAnswer(ExceptionActions.ActionResult result) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("outcome", switch (result.outcome()) {
            case DONE -> "done";
            case QUEUED -> "queued";
            case NOT_FOUND -> "not-found";
            case NOT_RETRYABLE -> "not-retryable";
        });
        json.put("message", result.message());
        return json;
    }

    private Response as(HttpHeaders headers, Function<String, Response> call) {
        Optional<String> who = access.caller(JaxRsExchange.headers(headers));
        if (who.isEmpty()) {
            return Response.fromResponse(error(401, "sign in first (or send the ops key)")).header("WWW-Authenticate", "Bearer")
                    .build();
        }
        try {
            return call.apply(who.get());
        } catch (RefusedRequestException e) {
            throw e; // the caller's mistake: OpsBadInput answers 400 with the reason
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ops API call failed: " + e);
            return error(503, "the ledger could not be reached; try again");
        }
    }

    /** A text field of a JSON body (no body: empty text); empty when the body is not a JSON object. */
    private static Optional<String> field(String body, String name) {
        if (body == null || body.isBlank()) {
            return Optional.of("");
        }
        try {
            JsonNode node = InfraJson.mapper().readTree(body);
            return node.isObject() ? Optional.of(node.path(name).asText("").strip()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Response json(int status, Object value) {
        return JaxRsExchange.json(status, value);
    }

    private static Response error(int status, String message) {
        return JaxRsExchange.error(status, message);
    }
}
