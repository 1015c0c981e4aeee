package com.shopkhaos.function.opsapi;

import com.shopkhaos.infra.http.OpsEndpoints;
import jakarta.ws.rs.Path;

/** The ops API's routes (defined in infra, shared with the sandbox). */
@Path("/ops")
public class OpsApiResource extends OpsEndpoints {
}
