package com.shopkhaos.model.despatch;

/** Port: sends to the {@code despatches} queue. Throws when the message was not accepted. */
public interface DespatchPublisher {
    void publish(DespatchNotice notice);
}
