package com.shopkhaos.infra.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A setting of {@code key=value} (or {@code name:password}) pairs, read in order; a wrapper so SmallRye maps it as one value. */
public record Pairs(Map<String, String> map) {
    public static final Pairs NONE = new Pairs(Map.of());

    public Pairs {
        map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
