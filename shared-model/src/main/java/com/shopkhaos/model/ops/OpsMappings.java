package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.MappingKind;
import com.shopkhaos.model.exceptionledger.MissingMapping;
import com.shopkhaos.model.exceptionledger.RefusedRequestException;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.ops.ExceptionViews.ExceptionSummary;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.stock.BufferRule;
import com.shopkhaos.model.stock.StockChangePublisher;
import com.shopkhaos.model.returns.ReturnCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The mappings people make by hand: the ones in force; saving one (SKU → stock code, delivery method → courier, stock
 * code → buffer rule, Khaos courier → shop shipping method, promotion code or scope → Khaos non-stock item), with the
 * open exceptions it may cure (those raised for want of exactly that mapping); and the fixes to suggest for a problem
 * (the nearest Khaos stock codes of an unknown SKU, a courier for a delivery method).
 */
public final class OpsMappings {
    /** How long the Khaos stock codes read for suggestions are used before they are read again. */
    static final Duration CODES_KEPT_FOR = Duration.ofMinutes(5);
    private final ExceptionLedger exceptions;
    private final OrderMappings mappings;
    private final OpsActionLog actions;
    private final StockChangePublisher stockChanges;
    private final ExceptionViews views;
    private final Clock clock;
    private final Optional<KhaosCatalogue> catalogue;
    private final List<String> couriers;
    private volatile List<String> codes = List.of();
    private volatile Instant codesReadAt = Instant.EPOCH;

    /** A mapping saved, with the open exceptions it may cure (the console offers to retry them). */
    public record MappingSaved(MappingKind kind, String key, String value, List<ExceptionSummary> mayCure) {
    }

    /** A mapping a person got wrong, said plainly. */
    public static final class BadMappingException extends RefusedRequestException {
        public BadMappingException(String message) {
            super(message);
        }
    }

    /**
     * @param catalogue where unknown SKUs look for their nearest stock codes (read at most every 5 minutes); empty: none
     * @param couriers  the Khaos couriers configured, for unmapped delivery methods (with those mapped)
     */
    public OpsMappings(ExceptionLedger exceptions, OrderMappings mappings, OpsActionLog actions, StockChangePublisher stockChanges,
                       ExceptionViews views, Clock clock, Optional<KhaosCatalogue> catalogue, Collection<String> couriers) {
        this.exceptions = exceptions;
        this.mappings = mappings;
        this.actions = actions;
        this.stockChanges = stockChanges;
        this.views = views;
        this.clock = clock;
        this.catalogue = catalogue;
        this.couriers = List.copyOf(couriers);
    }

    /** The mappings in force. */
    public OrderMappings.Overrides current() {
        return mappings.current();
    }

    /** Saves a mapping a person made and answers the open exceptions it may cure; a new buffer is applied straight away. */
    public MappingSaved save(String kind, String key, String value, String by) {
        MappingKind k = kind(kind);
        String name = k == MappingKind.RETURN_REASON ? returnCause(key) : key == null ? "" : key.strip();
        String v = value == null ? "" : value.strip();
        if (name.isEmpty() || name.length() > 100 || v.isEmpty() || v.length() > 100) {
            throw new BadMappingException("give the key and the value (each 1 to 100 characters)");
        }
        if (k == MappingKind.BUFFER) {
            try {
                BufferRule.parse(v, "the buffer for " + name);
            } catch (IllegalArgumentException e) {
                throw new BadMappingException(e.getMessage());
            }
        }
        Instant now = clock.instant();
        mappings.put(k.name(), name, v);
        actions.record(new OpsAction("mapping#" + k.name() + "#" + name, "mapped to " + v, by, "", now));
        if (k == MappingKind.BUFFER) {
            stockChanges.changed(List.of(name), "buffer changed by " + by, now);
        }
        List<ExceptionSummary> mayCure = exceptions.allOpen().stream()
                .filter(e -> e.missingMapping().map(m -> m.curedBy(k, name)).orElse(false))
                .map(e -> views.summary(e, now)).toList();
        return new MappingSaved(k, name, v, mayCure);
    }

    /** Likely fixes for a person to consider: nearest stock codes for an unknown SKU, a courier for a delivery method. */
    public List<String> suggestionsFor(ExceptionRecord e, Instant now) {
        Optional<MissingMapping> missing = e.missingMapping();
        if (missing.isEmpty()) {
            return List.of();
        }
        String what = missing.get().keys().get(0);
        if (missing.get().kind() == MappingKind.SKU
                && (e.type() == ExceptionType.UNKNOWN_SKU || e.type() == ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS)) {
            return FixSuggestions.nearest(what, stockCodes(now), 3).stream()
                    .map(code -> "map SKU " + what + " to Khaos stock code " + code).toList();
        }
        if (missing.get().kind() == MappingKind.COURIER) {
            List<String> known = new ArrayList<>(couriers);
            known.addAll(mappings.current().deliveryMethodToCourier().values());
            return FixSuggestions.nearest(what, known, 2).stream()
                    .map(courier -> "map delivery method " + what + " to Khaos courier " + courier).toList();
        }
        return List.of();
    }

    /** A return reason is mapped for why money went back: {@code full-refund}, {@code chargeback} … */
    private static String returnCause(String key) {
        String k = key == null ? "" : key.strip();
        if (k.toLowerCase(Locale.ROOT).startsWith(ReturnCause.SHOP_REASON_PREFIX)
                && !k.substring(ReturnCause.SHOP_REASON_PREFIX.length()).isBlank()) {
            return ReturnCause.shopReasonKey(k.substring(ReturnCause.SHOP_REASON_PREFIX.length()));
        }
        return ReturnCause.ofKey(k).map(ReturnCause::key).orElseThrow(() -> new BadMappingException("a return reason is mapped for "
                + String.join(", ", Arrays.stream(ReturnCause.values()).map(ReturnCause::key).toList())
                + " or a reason the shop gives, as reason:<its key>, not \"" + key + "\""));
    }

    private static MappingKind kind(String kind) {
        String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(MappingKind.values()).filter(m -> m.name().equals(k)).findFirst()
                .orElseThrow(() -> new BadMappingException("a mapping is SKU, COURIER, BUFFER, SHIPPING_METHOD, PROMOTION or RETURN_REASON, not \""
                        + kind + "\""));
    }

    private List<String> stockCodes(Instant now) {
        if (catalogue.isEmpty()) {
            return List.of();
        }
        if (codesReadAt.plus(CODES_KEPT_FOR).isBefore(now)) {
            List<String> read = new ArrayList<>();
            String after = "";
            for (int pages = 0; pages < 1000; pages++) {
                List<CatalogueItem> page = catalogue.get().page(after, 500);
                page.forEach(i -> read.add(i.stockCode()));
                if (page.size() < 500) {
                    break;
                }
                after = page.get(page.size() - 1).stockId();
            }
            codes = List.copyOf(read);
            codesReadAt = now;
        }
        return codes;
    }
}
