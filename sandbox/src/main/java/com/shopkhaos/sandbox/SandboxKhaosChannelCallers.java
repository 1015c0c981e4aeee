package com.shopkhaos.sandbox;

import com.shopkhaos.infra.http.KhaosChannelAuthentication;
import com.shopkhaos.infra.http.KhaosChannelCaller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/** The khaos-channel routes' authentication, in the sandbox exactly as in the Lambda. */
@Provider
@KhaosChannelCaller
@Priority(Priorities.AUTHENTICATION)
public class SandboxKhaosChannelCallers extends KhaosChannelAuthentication {
}
