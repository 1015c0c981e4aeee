package com.shopkhaos.model.exceptionledger;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a problem was raised, when a mapping would cure it: no mapping of this kind for any of these keys (a SKU, a
 * delivery method's technical name and its name, a promotion's code and its discount scope), the first the one the
 * problem names. Set where the problem is raised, so nobody has to read it back out of the reason's words.
 */
public record MissingMapping(MappingKind kind, List<String> keys) {
    public MissingMapping {
        Objects.requireNonNull(kind, "kind");
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        keys.stream().filter(k -> k != null && !k.isBlank()).forEach(kept::add);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("a missing mapping names at least one key");
        }
        keys = List.copyOf(kept);
    }

    public static MissingMapping of(MappingKind kind, String... keys) {
        return new MissingMapping(kind, Arrays.asList(keys));
    }

    /** A mapping of this kind and key (as people type it: case does not matter) would cure it. */
    public boolean curedBy(MappingKind mapped, String key) {
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return kind == mapped && keys.stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
