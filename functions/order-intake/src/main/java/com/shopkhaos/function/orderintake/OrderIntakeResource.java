package com.shopkhaos.function.orderintake;

import com.shopkhaos.infra.http.OrderIntakeEndpoints;
import jakarta.ws.rs.Path;

/** The HttpApi's routes: Shopware webhooks and the app registration handshake (defined in {@link OrderIntakeEndpoints}). */
@Path("/")
public class OrderIntakeResource extends OrderIntakeEndpoints {
}
