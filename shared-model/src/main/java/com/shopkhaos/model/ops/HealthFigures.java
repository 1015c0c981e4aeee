package com.shopkhaos.model.ops;

import java.util.Map;

/**
 * Port: the figures behind "health at a glance" beyond the exception ledger: when the last webhook, Khaos stock push
 * and order pull arrived, queue and DLQ depths, stock push lag. Each name maps to a short text a person reads.
 */
@FunctionalInterface
public interface HealthFigures {
    Map<String, String> now();
}
