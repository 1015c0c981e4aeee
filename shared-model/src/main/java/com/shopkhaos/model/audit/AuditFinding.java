package com.shopkhaos.model.audit;

import java.util.Objects;

/**
 * One gap: what kind, about which object, both sides' values, and the fix to suggest (a person decides).
 *
 * @param subject    the object, as people name it (a SKU, a shipping method's name, a tax rate)
 * @param shopValue  what the shop has ("" when the shop has nothing)
 * @param khaosValue what Khaos (or our mappings and settings) has ("" when it has nothing)
 * @param suggestion a likely fix ("" when none)
 */
public record AuditFinding(FindingKind kind, String subject, String shopValue, String khaosValue, String suggestion) {
    public AuditFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        shopValue = shopValue == null ? "" : shopValue;
        khaosValue = khaosValue == null ? "" : khaosValue;
        suggestion = suggestion == null ? "" : suggestion;
    }

    public AuditSeverity severity() {
        return kind.severity();
    }
}
