package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimResponse;
/** A request the simulated shop refuses, already in Shopware's error shape. */
public class SimulatorException extends RuntimeException {
    private final transient SimResponse response;

    public SimulatorException(SimResponse response) {
        super(response.bodyText());
        this.response = response;
    }

    public SimResponse response() {
        return response;
    }

    public static SimulatorException badRequest(String code, String detail) {
        return new SimulatorException(ShopwareErrors.badRequest(code, detail));
    }

    public static SimulatorException notFound(String code, String detail) {
        return new SimulatorException(ShopwareErrors.notFound(code, detail));
    }
}
