package com.shopkhaos.model.khaos;

import java.util.List;

/** Port: where pushes from Khaos are kept, raw, until processed (DynamoDB table {@code khaos-inbox}). */
public interface KhaosInbox {

    /** Stores the upload; returns only once it is safely stored (throws otherwise). */
    void keep(KhaosUpload upload);

    /** The newest uploads of a kind, newest first. */
    List<KhaosUpload> latest(KhaosUploadKind kind, int limit);
}
