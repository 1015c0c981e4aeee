package com.shopkhaos.infra.config;

import com.shopkhaos.model.privacy.PersonalDataRetention;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long personal data and finance records are kept ({@code PERSONAL_DATA_RETENTION_DAYS},
 * {@code FINANCE_RETENTION_DAYS}: the ledgers' {@code expiresAt}).
 */
@ConfigMapping(prefix = "shopkhaos")
public interface PrivacySettings {

    /** days after an order or exception last changed when its personal data is erased */
    @WithDefault("90")
    int personalDataRetentionDays();

    /** days an order entry and an exception are kept */
    @WithDefault("2557")
    int financeRetentionDays();

    default PersonalDataRetention retention() {
        return Setting.of("PERSONAL_DATA_RETENTION_DAYS / FINANCE_RETENTION_DAYS",
                "shopkhaos.personal-data-retention-days / shopkhaos.finance-retention-days")
                .check(() -> PersonalDataRetention.ofDays(personalDataRetentionDays(), financeRetentionDays()));
    }
}
