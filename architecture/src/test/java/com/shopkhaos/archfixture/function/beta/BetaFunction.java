package com.shopkhaos.archfixture.function.beta;

public class BetaFunction {
    public String name() {
        return "beta";
    }
}
