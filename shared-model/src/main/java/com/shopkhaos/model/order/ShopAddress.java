package com.shopkhaos.model.order;

/** An address as the shop holds it. Personal data: never logged. */
public record ShopAddress(String company, String firstName, String lastName, String street, String line2, String line3,
                          String postcode, String town, String countryIso, String phone) {
    public ShopAddress {
        company = blank(company);
        firstName = blank(firstName);
        lastName = blank(lastName);
        street = blank(street);
        line2 = blank(line2);
        line3 = blank(line3);
        postcode = blank(postcode);
        town = blank(town);
        countryIso = blank(countryIso);
        phone = blank(phone);
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }

    @Override
    public String toString() {
        return "ShopAddress[<personal data>]";
    }
}
