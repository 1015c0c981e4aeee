package com.shopkhaos.sandbox.shopware;

/**
 * A customer of the simulated shop, with the one address used for billing and delivery.
 *
 * @param net true for a trade customer whose group shows net prices (Shopware's {@code displayGross=false})
 */
public record SimCustomer(String key, String id, String customerNumber, String email, String firstName, String lastName,
                          String company, boolean net, String street, String additionalAddressLine1, String city,
                          String zipcode, String phoneNumber) {
}
