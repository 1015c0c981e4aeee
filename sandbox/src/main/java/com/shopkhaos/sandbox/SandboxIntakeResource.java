package com.shopkhaos.sandbox;

import com.shopkhaos.infra.http.OrderIntakeEndpoints;
import jakarta.ws.rs.Path;

/** The order-intake routes, served by the sandbox exactly as the Lambda serves them. */
@Path("/")
public class SandboxIntakeResource extends OrderIntakeEndpoints {
}
