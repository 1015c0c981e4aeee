package com.shopkhaos.model.khaos;

import java.time.Instant;
import java.util.Objects;

/** A push from Khaos Control Cloud as it arrived: kept raw, with its time of receipt, until its flow processes it. */
public record KhaosUpload(String id, KhaosUploadKind kind, Instant receivedAt, String body) {
    public KhaosUpload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(body, "body");
    }
}
