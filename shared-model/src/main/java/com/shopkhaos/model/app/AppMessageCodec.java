package com.shopkhaos.model.app;

import com.shopkhaos.model.intake.UnreadableMessageException;

/** Port: reads the shop's confirmation in the app registration handshake (Shopware's shapes stay in infra). */
public interface AppMessageCodec {

    RegistrationConfirmation readConfirmation(byte[] body) throws UnreadableMessageException;
}
