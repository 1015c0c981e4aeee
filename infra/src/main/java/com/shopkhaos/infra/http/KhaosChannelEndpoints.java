package com.shopkhaos.infra.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.config.KhaosReturnSettings;
import com.shopkhaos.infra.khaos.JacksonKhaosMessageCodec;
import com.shopkhaos.infra.khaos.KccCustomerReturnWriter;
import com.shopkhaos.infra.web.JaxRsExchange;
import com.shopkhaos.model.khaos.ChannelAnswer;
import com.shopkhaos.model.khaos.KhaosChannelService;
import com.shopkhaos.model.khaos.KhaosUploadKind;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ops.OpsMetrics;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.KhaosReturnFeed;
import com.shopkhaos.model.returns.ReturnForms;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The URLs a retailer types into KCC's channel setup, defined once for the Lambda and the sandbox (each declares a
 * subclass with {@code @Path("/khaos")}). Only KCC may call them ({@link KhaosChannelCaller}); every decision is made by
 * the channel service, and this says it in KCC's HTTP: a push is answered 200 only once stored, anything else makes
 * KCC send it again.
 */
public abstract class KhaosChannelEndpoints {
    private static final System.Logger LOG = System.getLogger(KhaosChannelEndpoints.class.getName());
    /** Khaos's dates are UK local time. */
    private static final ZoneId KHAOS_ZONE = ZoneId.of("Europe/London");
    /** KCC's page token: sent back on the next download to acknowledge the page before (kcc-web-services OrderDownload). */
    static final String CONTINUATION_HEADER = "Sirion-Continuation";
    /** KCC's request for exactly these orders: comma-separated AssociatedRefs (quoted in the spec's example). */
    static final String SPECIFIC_IDS_HEADER = "SpecificIDs";

    @Inject
    OpsMetrics metrics;

    @Inject
    KhaosChannelService channel;

    @Inject
    JacksonKhaosMessageCodec codec;

    @Inject
    KhaosReturnFeed returnFeed;

    @Inject
    OrderLedger ledger;

    @Inject
    KhaosReturnSettings returnSettings;

    /** The EndpointConfig a retailer points KCC's "Configuration URL" at. */
    @GET
    @Path("config.json")
    @KhaosChannelCaller
    public Response config(@Context UriInfo uri) {
        ChannelAnswer.ChannelSetup config = channel.config(uri.getBaseUri().toString());
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("OrderDownload", config.baseUrl() + "/khaos/orders");
        urls.put("OrderStatusUpload", config.baseUrl() + "/khaos/order-status");
        urls.put("StockStatusUpload", config.baseUrl() + "/khaos/stock-status");
        urls.put("StockUpload", config.baseUrl() + "/khaos/stock");
        urls.put("CReturnDownload", config.baseUrl() + "/khaos/returns");
        urls.put("PriceListUpload", config.baseUrl() + "/khaos/price-lists");
        return Response.ok(codec.endpointConfig(urls, config.orderDownloadFrequencyMinutes()), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("orders")
    @KhaosChannelCaller
    public Response orders(@HeaderParam(CONTINUATION_HEADER) String continuation, @HeaderParam(SPECIFIC_IDS_HEADER) String specificIds) {
        ChannelAnswer answer = channel.orderDownload(Optional.ofNullable(continuation).map(String::strip),
                specificIds(specificIds == null ? "" : specificIds));
        if (answer instanceof ChannelAnswer.Orders orders) {
            metrics.counted(OpsMetrics.KHAOS_ORDER_PULLS);
            Response.ResponseBuilder response = Response.ok(codec.orderDownload(orders.download().salesOrders(), ordersNameAccounts()),
                    MediaType.APPLICATION_JSON);
            orders.download().continuation().ifPresent(c -> response.header(CONTINUATION_HEADER, c));
            return response.build();
        }
        return failure(answer);
    }

    /**
     * Khaos's {@code CReturnDownload}, with the order download's guarantees: pages acknowledged by the
     * {@code Sirion-Continuation} sent back, {@code SpecificIDs} answered with exactly those returns, a return served
     * until acknowledged and always under its own AssociatedRef. Nothing readable: 503, nothing changed, asked again.
     */
    @GET
    @Path("returns")
    @KhaosChannelCaller
    public Response returns(@HeaderParam(CONTINUATION_HEADER) String continuation, @HeaderParam(SPECIFIC_IDS_HEADER) String specificIds) {
        Optional<String> page = Optional.ofNullable(continuation).map(String::strip).filter(c -> !c.isEmpty());
        List<String> named = specificIds(specificIds == null ? "" : specificIds);
        KhaosReturnFeed.Download download;
        List<ObjectNode> written = new ArrayList<>();
        try {
            Map<String, ObjectNode> forms = new HashMap<>();
            ReturnForms writer = candidates -> writeForms(candidates, forms);
            if (named.isEmpty()) {
                download = returnFeed.next(page, writer);
            } else {
                download = returnFeed.specific(named, page);
                writer.write(download.returns()).forEach((ref, why) -> LOG.log(System.Logger.Level.WARNING,
                        "return " + ref + " asked for again by Khaos cannot be written: " + why));
            }
            for (CustomerReturn r : download.returns()) {
                Optional.ofNullable(forms.get(r.associatedRef())).ifPresent(written::add);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "return download failed, Khaos will ask again: " + e);
            return JaxRsExchange.error(503, "returns unavailable, ask again");
        }
        Response.ResponseBuilder response = Response.ok(KccCustomerReturnWriter.download(written), MediaType.APPLICATION_JSON);
        download.continuation().ifPresent(c -> response.header(CONTINUATION_HEADER, c));
        return response.build();
    }

    /** KCC's CustomerReturn of each, from the sales order Khaos was sent (read in one batch); those that cannot be, with why. */
    private Map<String, String> writeForms(List<CustomerReturn> returns, Map<String, ObjectNode> forms) {
        Map<String, OrderLedgerEntry> orders = ledger.findAll(returns.stream().map(CustomerReturn::orderId).distinct().toList());
        Map<String, String> unwritable = new HashMap<>();
        for (CustomerReturn r : returns) {
            String salesOrder = Optional.ofNullable(orders.get(r.orderId())).map(e -> e.khaos().salesOrder()).orElse("");
            try {
                forms.put(r.associatedRef(), KccCustomerReturnWriter.write(r, salesOrder, returnSettings.khaosReturnSourceReference(),
                        returnSettings.khaosReturnProcess(), KHAOS_ZONE));
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                unwritable.put(r.associatedRef(), e.getMessage());
            }
        }
        return unwritable;
    }

    private boolean ordersNameAccounts() {
        return returnSettings.khaosCustomerUrn() == KhaosReturnSettings.CustomerUrn.SHOP_CUSTOMER_NUMBER;
    }

    /** {@code SpecificIDs: "A1,A2"}: comma-separated AssociatedRefs; the spec shows them quoted, so quotes are dropped. */
    static List<String> specificIds(String header) {
        List<String> ids = new ArrayList<>();
        for (String part : header.split(",")) {
            String id = part.strip().replaceAll("^\"+|\"+$", "").strip();
            if (!id.isEmpty() && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    @POST
    @Path("order-status")
    @Consumes(MediaType.WILDCARD)
    @KhaosChannelCaller
    public Response orderStatus(byte[] body) {
        return answer(upload(KhaosUploadKind.ORDER_STATUS, body));
    }

    @POST
    @Path("stock-status")
    @Consumes(MediaType.WILDCARD)
    @KhaosChannelCaller
    public Response stockStatus(byte[] body) {
        ChannelAnswer answer = upload(KhaosUploadKind.STOCK_STATUS, body);
        if (answer instanceof ChannelAnswer.Stored) {
            metrics.counted(OpsMetrics.KHAOS_STOCK_PUSHES);
        }
        return answer(answer);
    }

    @POST
    @Path("stock")
    @Consumes(MediaType.WILDCARD)
    @KhaosChannelCaller
    public Response stock(byte[] body) {
        return answer(upload(KhaosUploadKind.STOCK, body));
    }

    /** KCC's {@code PriceListUpload}: kept as it came (the catalogue audit reads it), answered 200 once stored. */
    @POST
    @Path("price-lists")
    @Consumes(MediaType.WILDCARD)
    @KhaosChannelCaller
    public Response priceLists(byte[] body) {
        return answer(upload(KhaosUploadKind.PRICE_LIST, body));
    }

    private ChannelAnswer upload(KhaosUploadKind kind, byte[] body) {
        return channel.upload(kind, body == null ? new byte[0] : body);
    }

    private static Response answer(ChannelAnswer answer) {
        if (answer instanceof ChannelAnswer.Stored stored) {
            return JaxRsExchange.json(200, Map.of("stored", stored.kind().name()));
        }
        return failure(answer);
    }

    private static Response failure(ChannelAnswer answer) {
        if (answer instanceof ChannelAnswer.OrdersUnavailable unavailable) {
            return JaxRsExchange.error(503, unavailable.message());
        }
        if (answer instanceof ChannelAnswer.Unreadable unreadable) {
            return JaxRsExchange.error(400, unreadable.reason());
        }
        if (answer instanceof ChannelAnswer.NotStored notStored) {
            return JaxRsExchange.error(500, notStored.message());
        }
        throw new IllegalStateException("no HTTP answer for " + answer);
    }
}
