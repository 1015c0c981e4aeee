package com.shopkhaos.infra.config;

import java.util.Arrays;
import java.util.List;

/** The one reading of a comma-separated setting (queue URLs, payment methods, promotion scopes): stripped, blanks dropped. */
public final class CommaList {
    private CommaList() {
    }

    public static List<String> of(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
