package com.shopkhaos.infra.config;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One setting as people meet it: the environment variable that {@code template.yaml} sets and the README's settings
 * table lists, and the property an {@code application.properties} feeds from it. Every refusal of a setting names
 * both, e.g. {@code KHAOS_COURIERS (shopkhaos.khaos-couriers) entry "x" is not key=value}.
 */
public record Setting(String variable, String property) {

    public static Setting of(String variable, String property) {
        return new Setting(variable, property);
    }

    /** The value this setting must have where it is used, or a refusal naming it. */
    public <T> T required(Optional<T> value) {
        return value.orElseThrow(() -> new IllegalStateException(this + " is not set"));
    }

    /**
     * What a mapping's converter ({@code @WithConverter}) returns for this setting: a blank value is no value
     * ({@code Optional.empty()}, or the mapping's default), as SmallRye treats an empty one; any other is read while the
     * configuration is read at start-up, so a refusal stops the start-up (SmallRye adds the property and the value; the
     * parser's message names the variable and the property). The converters are {@code Converter<T>} classes of their
     * own with a public no-argument constructor, as {@code @WithConverter} needs.
     */
    public <T> T convert(String value, Function<String, T> read) {
        return value == null || value.isBlank() ? null : read.apply(value);
    }

    /** Builds something the core checks (e.g. a range); its refusal is repeated naming this setting. */
    public <T> T check(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return variable + " (" + property + ")";
    }
}
