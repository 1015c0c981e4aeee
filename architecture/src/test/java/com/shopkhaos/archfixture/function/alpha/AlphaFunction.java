package com.shopkhaos.archfixture.function.alpha;

import com.shopkhaos.archfixture.function.beta.BetaFunction;

/** Breaks the function rule on purpose: one function calling another. */
public class AlphaFunction {
    public String call() {
        return new BetaFunction().name();
    }
}
