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
     * A newly raised stock problem: its kind says whether {@code codeOrSku} is a Khaos stock code or a shop SKU; a shop
     * product Khaos does not have is cured by mapping its SKU.
     */
    public static ExceptionRecord openForStock(ExceptionType type, String codeOrSku, String reason, String evidence, Instant at) {
        ExceptionSubject about = stockSubject(type, codeOrSku);
        ExceptionRecord raised = open(type, about, reason, evidence, at);
        return type == ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS && about instanceof ExceptionSubject.ShopSku sku
                ? raised.curedBy(MissingMapping.of(MappingKind.SKU, sku.sku())) : raised;
    }

    /** Problems about a stock code or a shop SKU (a retry works the stock figure out again). */
    public static boolean isStockProblem(ExceptionType type) {
        return STOCK.contains(type);
    }

    /** What a stock problem of this kind is about: a shop SKU or a Khaos stock code. */
    public static ExceptionSubject stockSubject(ExceptionType type, String codeOrSku) {
        if (!STOCK.contains(type)) {
            throw new IllegalArgumentException(type + " is not a stock problem");
        }
        // a condition of one shop is raised as "<shop id>:<SKU or code>" (StockConditions; a shop id holds no colon);
        // a Khaos-wide one, and one raised before subjects named the shop, is the bare SKU or code
        int colon = ONE_SHOP.contains(type) ? codeOrSku.indexOf(':') : -1;
        String shopId = colon > 0 ? codeOrSku.substring(0, colon) : "";
        String what = colon > 0 ? codeOrSku.substring(colon + 1) : codeOrSku;
        return ABOUT_A_SKU.contains(type) ? new ExceptionSubject.ShopSku(shopId, what) : new ExceptionSubject.StockCode(shopId, what);
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
