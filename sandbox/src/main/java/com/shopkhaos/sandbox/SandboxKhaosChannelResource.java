package com.shopkhaos.sandbox;

import com.shopkhaos.infra.http.KhaosChannelEndpoints;
import jakarta.ws.rs.Path;

/** The khaos-channel routes, served by the sandbox exactly as the Lambda serves them. */
@Path("/khaos")
public class SandboxKhaosChannelResource extends KhaosChannelEndpoints {
}
