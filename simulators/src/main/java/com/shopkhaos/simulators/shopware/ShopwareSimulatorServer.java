package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimHttpServer;

/** The Shopware simulator on its own loopback port, for tests that need a shop and nothing else. */
public final class ShopwareSimulatorServer implements AutoCloseable {
    private final SimHttpServer server;
    private final ShopwareSimulator simulator;

    private ShopwareSimulatorServer(SimHttpServer server, ShopwareSimulator simulator) {
        this.server = server;
        this.simulator = simulator;
    }

    public static ShopwareSimulatorServer start(ShopwareSimulator simulator) {
        SimHttpServer server = SimHttpServer.start("shopware-sim", simulator::handle);
        simulator.shopUrl(server.baseUrl());
        return new ShopwareSimulatorServer(server, simulator);
    }

    public String baseUrl() {
        return simulator.shopUrl();
    }

    public ShopwareSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        server.close();
        simulator.close();
    }
}
