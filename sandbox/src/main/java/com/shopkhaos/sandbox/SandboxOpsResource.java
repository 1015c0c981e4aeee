package com.shopkhaos.sandbox;

import com.shopkhaos.infra.http.OpsEndpoints;
import jakarta.ws.rs.Path;

/** The ops API's routes, served by the sandbox exactly as the Lambda serves them. */
@Path("/ops")
public class SandboxOpsResource extends OpsEndpoints {
}
