package com.shopkhaos.model.privacy;

import java.util.Locale;
import java.util.Optional;

/**
 * A customer's request to erase their personal data (UK GDPR article 17), naming them by email address, by an order
 * number, or both. Its text form never shows the email address (it may be logged).
 */
public final class ErasureRequest {
    private final String email;
    private final String orderNumber;

    private ErasureRequest(String email, String orderNumber) {
        this.email = email;
        this.orderNumber = orderNumber;
    }

    /**
     * @throws IllegalArgumentException when it names neither, or the email address has no {@code @}
     */
    public static ErasureRequest of(String email, String orderNumber) {
        String mail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String number = orderNumber == null ? "" : orderNumber.strip();
        if (mail.isEmpty() && number.isEmpty()) {
            throw new IllegalArgumentException("name the customer: eraseCustomer (their email address) or eraseOrder (an order number)");
        }
        if (!mail.isEmpty() && (mail.indexOf('@') <= 0 || mail.length() > 254)) {
            throw new IllegalArgumentException("eraseCustomer must be an email address");
        }
        if (number.length() > 64) {
            throw new IllegalArgumentException("eraseOrder must be an order number");
        }
        return new ErasureRequest(mail, number);
    }

    /** The email address, lower case. */
    public Optional<String> email() {
        return email.isEmpty() ? Optional.empty() : Optional.of(email);
    }

    public Optional<String> orderNumber() {
        return orderNumber.isEmpty() ? Optional.empty() : Optional.of(orderNumber);
    }

    @Override
    public String toString() {
        return "erasure request" + (email.isEmpty() ? "" : " by email address") + (orderNumber.isEmpty() ? "" : " for order " + orderNumber);
    }
}
