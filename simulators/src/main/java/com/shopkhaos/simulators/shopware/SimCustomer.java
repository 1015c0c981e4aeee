package com.shopkhaos.simulators.shopware;

/**
 * A customer of the simulated shop, with the one address used for billing and delivery.
 *
 * @param pricing    how the customer's group sees prices: {@code gross} (consumers), {@code net} (trade customers,
 *                   Shopware's {@code displayGross=false}) or {@code tax-free} (an export outside the UK)
 * @param countryIso the address's country
 */
public record SimCustomer(String key, String id, String customerNumber, String email, String firstName, String lastName,
                          String company, String pricing, String street, String additionalAddressLine1, String city,
                          String zipcode, String phoneNumber, String countryIso) {

    public boolean net() {
        return pricing.equals("net");
    }

    public boolean taxFree() {
        return pricing.equals("tax-free");
    }
}
