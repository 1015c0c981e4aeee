package com.shopkhaos.infra.wiring;

import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.privacy.PersonalDataRetention;
import com.shopkhaos.model.privacy.PersonalDataService;
import com.shopkhaos.model.privacy.PersonalDataStores;
import com.shopkhaos.model.privacy.SalesOrderRedaction;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The personal data retention (PersonalDataRetentionDays, FinanceRetentionDays) and its service. */
@Singleton
public class PrivacyWiring {

    @Produces
    @Singleton
    PersonalDataRetention retention(@ConfigProperty(name = "shopkhaos.personal-data-retention-days", defaultValue = "90") int personalDays,
                                    @ConfigProperty(name = "shopkhaos.finance-retention-days", defaultValue = "2557") int financeDays) {
        return PersonalDataRetention.ofDays(personalDays, financeDays);
    }

    @Produces
    @Singleton
    PersonalDataService personalData(OrderLedger ledger, PersonalDataStores stores, SalesOrderRedaction redaction,
                                     PersonalDataRetention retention, Clock clock) {
        return new PersonalDataService(ledger, stores, redaction, retention, clock);
    }
}
