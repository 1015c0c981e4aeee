package com.shopkhaos.model.stock;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The Khaos sites whose stock the shop sells ({@code KHAOS_WEB_SITES}: one site, or several summed; empty: all). */
public record WebSites(Set<Integer> sites) {
    public WebSites {
        sites = Set.copyOf(sites);
    }

    public boolean counts(int site) {
        return sites.isEmpty() || sites.contains(site);
    }

    public static WebSites parse(String text) {
        if (text == null || text.isBlank()) {
            return new WebSites(Set.of());
        }
        try {
            return new WebSites(Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(Integer::valueOf).collect(Collectors.toSet()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KHAOS_WEB_SITES must be site ids like 1 or 1,2; was \"" + text + "\"");
        }
    }
}
