package com.shopkhaos.model.stock;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The Khaos sites whose stock the shop sells (a setting: one site, or several summed; empty: all). */
public record WebSites(Set<Integer> sites) {
    public WebSites {
        sites = Set.copyOf(sites);
    }

    public boolean counts(int site) {
        return sites.isEmpty() || sites.contains(site);
    }

    public static WebSites parse(String text) {
        return parse(text, "the web sites");
    }

    /** @param setting what the refusal calls the setting (the caller knows its name) */
    public static WebSites parse(String text, String setting) {
        if (text == null || text.isBlank()) {
            return new WebSites(Set.of());
        }
        try {
            return new WebSites(Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(Integer::valueOf).collect(Collectors.toSet()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be site ids like 1 or 1,2; was \"" + text + "\"");
        }
    }
}
