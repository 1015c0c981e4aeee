package com.shopkhaos.sandbox.shopware;

import com.shopkhaos.sandbox.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** A simulator on its own port with the test app installed: the shop plus an API client that has credentials. */
final class SimulatedShop implements AutoCloseable {
    final ShopwareSimulatorServer server;
    final TestAppBackend app;
    final ShopClient client;

    SimulatedShop(String... webhookEvents) throws Exception {
        server = ShopwareSimulatorServer.start(new ShopwareSimulator(
                new ShopwareSimulator.Settings(42L, "testShop00000001", Duration.ofMinutes(10))));
        app = new TestAppBackend();
        client = new ShopClient(server.baseUrl());
        JsonNode install = client.control("POST", "/apps/install",
                SimJson.write(SimJson.object().put("manifestXml", app.manifest(webhookEvents))));
        if (!install.path("active").asBoolean()) {
            throw new AssertionError("install failed: " + install);
        }
    }

    String token() {
        return client.token(app.confirmedApiKey, app.confirmedSecretKey);
    }

    JsonNode placeOrder(String json) {
        return client.control("POST", "/orders", json);
    }

    @Override
    public void close() {
        server.close();
        app.close();
    }
}
