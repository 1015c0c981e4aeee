package com.shopkhaos.model.khaos;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Khaos's tax rate codes mean as percentages, by configuration: {@code KHAOS_TAX_RATES}, e.g.
 * {@code 1=20,2=5,3=0} (code 1 standard 20%, 2 reduced 5%, 3 zero).
 */
public final class TaxRateTable {
    private final Map<String, BigDecimal> percentByCode;

    private TaxRateTable(Map<String, BigDecimal> percentByCode) {
        this.percentByCode = Map.copyOf(percentByCode);
    }

    /**
     * @throws IllegalArgumentException naming the bad entry, when the text is not {@code code=percent,…}
     */
    public static TaxRateTable parse(String text) {
        return parse(text, "the tax rate table");
    }

    /**
     * @param setting what the refusals call the setting (the caller knows its name)
     * @throws IllegalArgumentException naming the bad entry, when the text is not {@code code=percent,…}
     */
    public static TaxRateTable parse(String text, String setting) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String entry : text.split(",")) {
                String[] parts = entry.split("=");
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new IllegalArgumentException(setting + " entry \"" + entry.trim() + "\" is not code=percent");
                }
                BigDecimal percent;
                try {
                    percent = new BigDecimal(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(setting + " entry \"" + entry.trim() + "\" has no number after =");
                }
                if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException(setting + " entry \"" + entry.trim() + "\" is not 0 to 100");
                }
                rates.put(parts[0].trim(), percent);
            }
        }
        return new TaxRateTable(rates);
    }

    public Optional<BigDecimal> percentFor(String code) {
        return Optional.ofNullable(percentByCode.get(code));
    }

    public Map<String, BigDecimal> asMap() {
        return percentByCode;
    }
}
