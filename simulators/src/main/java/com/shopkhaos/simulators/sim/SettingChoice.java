package com.shopkhaos.simulators.sim;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A simulator setting that takes one of a few named values (as the control API's JSON spells them). */
public interface SettingChoice {

    /** The value as the control API's JSON spells it. */
    String setting();

    /** The choice spelt {@code value}, or a refusal naming the setting and every value it takes. */
    static <E extends Enum<E> & SettingChoice> E of(Class<E> type, String name, String value) {
        for (E choice : type.getEnumConstants()) {
            if (choice.setting().equals(value)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(name + " must be " + Arrays.stream(type.getEnumConstants())
                .map(c -> "\"" + c.setting() + "\"").collect(Collectors.joining(" or ")) + ", was \"" + value + "\"");
    }
}
