package com.shopkhaos.model.privacy;

import java.time.Duration;
import java.util.Objects;

/**
 * How long we keep things (UK GDPR: no longer than needed). A customer's personal data (names, addresses, emails, phone
 * numbers) goes after {@code personalData}; the money skeleton of an order (number, dates, totals, VAT, states, Khaos
 * codes) stays for {@code finance}, because HMRC wants six years of records, and then the whole entry goes.
 */
public record PersonalDataRetention(Duration personalData, Duration finance) {
    /** 7 × 365 + 2 leap days: six full years and a margin for the year in progress. */
    public static final int DEFAULT_FINANCE_DAYS = 2557;
    public static final int DEFAULT_PERSONAL_DATA_DAYS = 90;

    public PersonalDataRetention {
        Objects.requireNonNull(personalData, "personalData");
        Objects.requireNonNull(finance, "finance");
        if (personalData.isNegative() || personalData.isZero()) {
            throw new IllegalArgumentException("PersonalDataRetentionDays must be at least 1, was " + personalData.toDays());
        }
        if (finance.compareTo(personalData) < 0) {
            throw new IllegalArgumentException("FinanceRetentionDays (" + finance.toDays()
                    + ") must not be shorter than PersonalDataRetentionDays (" + personalData.toDays() + ")");
        }
    }

    public static PersonalDataRetention ofDays(long personalDataDays, long financeDays) {
        return new PersonalDataRetention(Duration.ofDays(personalDataDays), Duration.ofDays(financeDays));
    }
}
