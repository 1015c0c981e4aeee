package com.shopkhaos.function.ordersync;

import com.shopkhaos.model.privacy.ErasureRequest;
import com.shopkhaos.model.privacy.PersonalDataService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The {@code personal-data-sweep} Lambda. Its daily schedule erases the personal data of orders and exceptions unchanged
 * for longer than {@code PERSONAL_DATA_RETENTION_DAYS}; invoked with {@code {"eraseCustomer":"<email>"}} and/or
 * {@code {"eraseOrder":"<order number>"}} it erases that customer's at once (a request under UK GDPR). It answers how
 * many entries of each kind it erased, never what.
 */
public class PersonalDataFunctions {

    @Inject
    PersonalDataService personalData;

    @Funq("personal-data-sweep")
    public Map<String, Object> personalDataSweep(Map<String, Object> input) {
        String email = text(input, "eraseCustomer");
        String order = text(input, "eraseOrder");
        if (email.isEmpty() && order.isEmpty()) {
            PersonalDataService.Result swept = personalData.sweep();
            return Map.of("run", "retention", "retentionDays", personalData.retention().personalData().toDays(),
                    "erased", swept.erased());
        }
        PersonalDataService.Result erased = personalData.erase(ErasureRequest.of(email, order));
        return Map.of("run", "erasure", "erased", erased.erased());
    }

    private static String text(Map<String, Object> input, String name) {
        Object value = input == null ? null : input.get(name);
        return value == null ? "" : value.toString().strip();
    }
}
