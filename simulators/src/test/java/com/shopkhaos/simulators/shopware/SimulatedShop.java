package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** A simulator on its own port with the test app installed: the shop plus an API client that has credentials. */
public final class SimulatedShop implements AutoCloseable {
    public final ShopwareSimulatorServer server;
    public final TestAppBackend app;
    public final ShopClient client;

    public SimulatedShop(String... webhookEvents) throws Exception {
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

    public String token() {
        return client.token(app.confirmedApiKey, app.confirmedSecretKey);
    }

    public JsonNode placeOrder(String json) {
        return client.control("POST", "/orders", json);
    }

    @Override
    public void close() {
        server.close();
        app.close();
    }
}
