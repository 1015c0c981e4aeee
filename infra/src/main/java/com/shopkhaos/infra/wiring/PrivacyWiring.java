package com.shopkhaos.infra.wiring;

import com.shopkhaos.infra.config.PrivacySettings;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.privacy.PersonalDataRetention;
import com.shopkhaos.model.privacy.PersonalDataService;
import com.shopkhaos.model.privacy.PersonalDataStores;
import com.shopkhaos.model.privacy.SalesOrderRedaction;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The personal data retention (PersonalDataRetentionDays, FinanceRetentionDays) and its service. */
@Singleton
public class PrivacyWiring {

    @Produces
    @Singleton
    PersonalDataRetention retention(PrivacySettings settings) {
        return settings.retention();
    }

    @Produces
    @Singleton
    PersonalDataService personalData(OrderLedger ledger, PersonalDataStores stores, SalesOrderRedaction redaction,
                                     PersonalDataRetention retention, Clock clock) {
        return new PersonalDataService(ledger, stores, redaction, retention, clock);
    }
}
