package com.shopkhaos.model.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the go-live audit: who asked, when, how far it got, and (once finished) every finding, most severe first.
 *
 * @param shopId         the shop audited ("" until the run knows it)
 * @param shopProducts   the shop products and variants it read
 * @param khaosItems     the Khaos catalogue items it read
 * @param failure        why it failed ("" unless it did)
 */
public record AuditRun(String id, AuditTrigger trigger, String requestedBy, AuditStatus status, Instant startedAt,
                       Optional<Instant> finishedAt, String shopId, int shopProducts, int khaosItems, String failure,
                       List<AuditFinding> findings) {

    /** A run not finished this long after it started died with its function (a Lambda runs 15 minutes at most). */
    public static final Duration GIVEN_UP_AFTER = Duration.ofMinutes(20);

    public AuditRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        requestedBy = requestedBy == null ? "" : requestedBy;
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        shopId = shopId == null ? "" : shopId;
        failure = failure == null ? "" : failure;
        findings = List.copyOf(findings);
    }

    private static final java.time.format.DateTimeFormatter ID_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    /** A new run's id: when it was asked for, and four random hex digits ({@code audit-20261207-090000-1a2b}). */
    public static String newId(Instant at, java.util.Random random) {
        return "audit-" + ID_TIME.format(at) + "-" + String.format("%04x", random.nextInt(0x10000));
    }

    /** A run asked for now, not started on yet. */
    public static AuditRun requested(String id, AuditTrigger trigger, String requestedBy, Instant at) {
        return new AuditRun(id, trigger, requestedBy, AuditStatus.RUNNING, at, Optional.empty(), "", 0, 0, "", List.of());
    }

    public AuditRun finished(String shop, int products, int items, List<AuditFinding> found, Instant at) {
        return new AuditRun(id, trigger, requestedBy, AuditStatus.FINISHED, startedAt, Optional.of(at), shop, products, items, "", found);
    }

    public AuditRun failed(String why, Instant at) {
        return new AuditRun(id, trigger, requestedBy, AuditStatus.FAILED, startedAt, Optional.of(at), shopId, shopProducts,
                khaosItems, why == null || why.isBlank() ? "failed without a message" : why, List.of());
    }

    /** As people should see it at {@code now}: a run still "running" long after any function could be is failed. */
    public AuditRun asSeenAt(Instant now) {
        if (status == AuditStatus.RUNNING && now.isAfter(startedAt.plus(GIVEN_UP_AFTER))) {
            return failed("did not finish: the run stopped with its function (see the reconciliation function's log); "
                    + "start another", startedAt.plus(GIVEN_UP_AFTER));
        }
        return this;
    }

    /** How many findings of each kind (kinds without any left out), in the kinds' order. */
    public Map<FindingKind, Integer> countsByKind() {
        Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
        findings.forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        return counts;
    }

    /** How many findings of each severity (all severities, zero included). */
    public Map<AuditSeverity, Integer> countsBySeverity() {
        Map<AuditSeverity, Integer> counts = new EnumMap<>(AuditSeverity.class);
        for (AuditSeverity s : AuditSeverity.values()) {
            counts.put(s, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }
}
