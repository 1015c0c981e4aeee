package com.shopkhaos.simulators.khaos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stock per item and site in the simulated Khaos: physical, allocated (to imported orders) and on
 * order (purchase orders). Available = physical − allocated, as KCC's StockLevels.Available.
 */
final class KccStock {
    static final class Level {
        int physical;
        int allocated;
        int onOrder;

        int available() {
            return physical - allocated;
        }
    }

    private final Map<String, Map<Integer, Level>> levels = new LinkedHashMap<>();
    private final KccCatalogue catalogue;

    KccStock(KccCatalogue catalogue) {
        this.catalogue = catalogue;
        catalogue.seededPhysical.forEach((id, bySite) -> bySite.forEach((site, units) -> level(id, site).physical = units));
    }

    Level level(String stockId, int site) {
        return levels.computeIfAbsent(stockId, k -> new LinkedHashMap<>()).computeIfAbsent(site, k -> new Level());
    }

    int available(String stockId, int site) {
        return level(stockId, site).available();
    }

    /** What could be built at a site from the build item's components (RelationshipPotential.FromChildren). */
    int buildPotential(KccItem build, int site) {
        int potential = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> component : build.components.entrySet()) {
            potential = Math.min(potential, Math.max(0, available(component.getKey(), site)) / component.getValue());
        }
        return potential == Integer.MAX_VALUE ? 0 : potential;
    }

    KccCatalogue catalogue() {
        return catalogue;
    }
}
