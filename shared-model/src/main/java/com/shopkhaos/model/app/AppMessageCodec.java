package com.shopkhaos.model.app;

import com.shopkhaos.model.intake.UnreadableMessageException;

/** Port: reads and writes the JSON of the app registration handshake (Shopware's shapes stay in infra). */
public interface AppMessageCodec {

    RegistrationConfirmation readConfirmation(byte[] body) throws UnreadableMessageException;

    /** The registration answer: {@code {"proof":…,"secret":…,"confirmation_url":…}}. */
    String registrationAnswer(String proof, String shopSecret, String confirmationUrl);
}
