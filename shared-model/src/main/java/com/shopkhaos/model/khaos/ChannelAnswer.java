package com.shopkhaos.model.khaos;

import java.util.Objects;

/** What the Khaos channel answers one call from Khaos Control Cloud, in the business's words; the adapter words it for KCC. */
public sealed interface ChannelAnswer {

    /** Where KCC finds our endpoints, and how often it should download orders. */
    record ChannelSetup(String baseUrl, int orderDownloadFrequencyMinutes) implements ChannelAnswer {
        public ChannelSetup {
            Objects.requireNonNull(baseUrl, "baseUrl");
        }
    }

    /** A page of sales orders (acknowledging the page before it), with the token for the next when there is one. */
    record Orders(KhaosOrderFeed.Download download) implements ChannelAnswer {
    }

    /** The orders could not be read; nothing changed, Khaos asks again at its next download. */
    record OrdersUnavailable(String message) implements ChannelAnswer {
    }

    /** The push is safely stored (and applied). */
    record Stored(KhaosUploadKind kind) implements ChannelAnswer {
    }

    /** The push could not be read; it is kept whole as an exception, and sending it again will not help. */
    record Unreadable(String reason) implements ChannelAnswer {
    }

    /** The push was not stored; Khaos must send it again. */
    record NotStored(String message) implements ChannelAnswer {
    }
}
