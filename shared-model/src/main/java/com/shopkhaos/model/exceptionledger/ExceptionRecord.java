package com.shopkhaos.model.exceptionledger;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One problem for a person, in the exception ledger. The id is deterministic (type + subject),
 * so the same problem seen again updates the same record instead of adding another.
 *
 * @param about           what it is about: an order (and what on it), a stock code, a shop SKU, something else
 * @param reason          what went wrong this time, in plain words
 * @param evidence        the raw material (e.g. the message that could not be read); may be empty
 * @param occurrences     how many times it was raised
 * @param missingMapping  the mapping that would cure it, when one would
 */
public record ExceptionRecord(
        String id,
        ExceptionType type,
        ExceptionSubject about,
        ExceptionStatus status,
        String reason,
        String suggestedAction,
        String evidence,
        Instant createdAt,
        Instant lastSeenAt,
        long occurrences,
        Instant resolvedAt,
        String resolvedBy,
        Optional<MissingMapping> missingMapping) {

    /** Problems about a stock code or shop SKU. */
    private static final Set<ExceptionType> STOCK = EnumSet.of(ExceptionType.STOCK_NEGATIVE_IN_KHAOS,
            ExceptionType.STOCK_FOR_UNKNOWN_CODE, ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, ExceptionType.WEB_ITEM_NOT_IN_SHOP,
            ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, ExceptionType.STOCK_PUSH_REFUSED);
    /** Stock problems about a shop SKU (the others name a Khaos stock code). */
    private static final Set<ExceptionType> ABOUT_A_SKU = EnumSet.of(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS,
            ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK, ExceptionType.STOCK_PUSH_REFUSED);
    /** Stock problems of one shop (the others are Khaos's own). */
    private static final Set<ExceptionType> ONE_SHOP = EnumSet.of(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS,
            ExceptionType.WEB_ITEM_NOT_IN_SHOP, ExceptionType.CLOSEOUT_AT_ZERO_WITH_KHAOS_STOCK,
            ExceptionType.STOCK_PUSH_REFUSED);

    public ExceptionRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (about.text().isBlank()) {
            throw new IllegalArgumentException("an exception needs a subject");
        }
        if (!id.equals(idFor(type, about))) {
            throw new IllegalArgumentException("id must be type#subject, was " + id);
        }
        reason = reason == null ? "" : reason;
        suggestedAction = suggestedAction == null ? type.suggestedAction() : suggestedAction;
        evidence = evidence == null ? "" : evidence;
        resolvedBy = resolvedBy == null ? "" : resolvedBy;
        missingMapping = missingMapping == null ? Optional.empty() : missingMapping;
    }

    /** The subject as people see it (and as the id names it). */
    public String subject() {
        return about.text();
    }

    public static String idFor(ExceptionType type, ExceptionSubject about) {
        return idFor(type, about.text());
    }

    public static String idFor(ExceptionType type, String subjectText) {
        return type.name() + "#" + subjectText;
    }

    /** A newly raised problem. */
    public static ExceptionRecord open(ExceptionType type, ExceptionSubject about, String reason, String evidence, Instant at) {
        return new ExceptionRecord(idFor(type, about), type, about, ExceptionStatus.OPEN, reason,
                type.suggestedAction(), evidence, at, at, 1, null, null, Optional.empty());
    }

    /**
     * A newly raised stock problem about {@code what} (its kind says whether that is a Khaos stock code or a shop SKU) in
     * shop {@code shopId} (empty for Khaos's own); a shop product Khaos does not have is cured by mapping its SKU.
     */
    public static ExceptionRecord openForStock(ExceptionType type, String shopId, String what, String reason, String evidence,
                                               Instant at) {
        return openForStock(type, stockSubject(type, shopId, what), reason, evidence, at);
    }

    /** A newly raised stock problem about a subject made by {@link #stockSubject}. */
    public static ExceptionRecord openForStock(ExceptionType type, ExceptionSubject about, String reason, String evidence,
                                               Instant at) {
        if (!STOCK.contains(type) || !(about instanceof ExceptionSubject.StockCode || about instanceof ExceptionSubject.ShopSku)) {
            throw new IllegalArgumentException(type + " about " + about + " is not a stock problem");
        }
        ExceptionRecord raised = open(type, about, reason, evidence, at);
        return type == ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS && about instanceof ExceptionSubject.ShopSku sku
                ? raised.curedBy(MissingMapping.of(MappingKind.SKU, sku.sku())) : raised;
    }

    /** Problems about a stock code or a shop SKU (a retry works the stock figure out again). */
    public static boolean isStockProblem(ExceptionType type) {
        return STOCK.contains(type);
    }

    /**
     * What a stock problem of this kind is about: a shop SKU or a Khaos stock code ({@code what}), in shop {@code shopId}
     * for a condition of one shop (empty only for one raised before subjects named the shop); Khaos's own conditions
     * name no shop.
     */
    public static ExceptionSubject stockSubject(ExceptionType type, String shopId, String what) {
        if (!STOCK.contains(type)) {
            throw new IllegalArgumentException(type + " is not a stock problem");
        }
        if (!ONE_SHOP.contains(type) && !shopId.isEmpty()) {
            throw new IllegalArgumentException(type + " is Khaos's own: it names no shop, was given " + shopId);
        }
        if (shopId.indexOf(':') >= 0) {
            // people see "<shop id>:<what>", the id is made of that text: two subjects would share one id
            throw new IllegalArgumentException("a shop id holds no ':', was " + shopId);
        }
        return ABOUT_A_SKU.contains(type) ? new ExceptionSubject.ShopSku(shopId, what) : new ExceptionSubject.StockCode(shopId, what);
    }

    /** The shop a stock problem's subject names; empty for Khaos's own (and for one raised before subjects named it). */
    public static String shopOf(ExceptionSubject about) {
        if (about instanceof ExceptionSubject.ShopSku sku) {
            return sku.shopId();
        }
        return about instanceof ExceptionSubject.StockCode code ? code.shopId() : "";
    }

    /** The same problem, with the mapping that would cure it. */
    public ExceptionRecord curedBy(MissingMapping mapping) {
        return new ExceptionRecord(id, type, about, status, reason, suggestedAction, evidence, createdAt, lastSeenAt,
                occurrences, resolvedAt, resolvedBy, Optional.of(mapping));
    }

    public ExceptionRecord resolved(String by, Instant at) {
        return new ExceptionRecord(id, type, about, ExceptionStatus.RESOLVED, reason, suggestedAction, evidence,
                createdAt, lastSeenAt, occurrences, at, by, missingMapping);
    }
}
