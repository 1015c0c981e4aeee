package com.shopkhaos.function.khaoschannel;

import com.shopkhaos.infra.http.KhaosChannelEndpoints;
import jakarta.ws.rs.Path;

/** The routes Khaos Control Cloud calls (defined in {@link KhaosChannelEndpoints}). */
@Path("/khaos")
public class KhaosChannelResource extends KhaosChannelEndpoints {
}
