package com.shopkhaos.simulators.shopware;

import java.util.Random;

/** Shopware ids (32 lowercase hex characters), drawn from the simulator's seed so a run can be repeated. */
public final class SimIds {
    private final Random random;

    public SimIds(long seed) {
        this.random = new Random(seed);
    }

    public synchronized String next() {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    public synchronized String alphanumeric(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
