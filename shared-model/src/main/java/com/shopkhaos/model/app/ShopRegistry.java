package com.shopkhaos.model.app;

import java.util.List;
import java.util.Optional;

/** Port: the shops that installed our app, with their secrets (Secrets Manager, one secret per shop). */
public interface ShopRegistry {

    Optional<ShopRegistration> find(String shopId);

    void save(ShopRegistration registration);

    /** Every shop that registered (the sweep visits each confirmed one). */
    List<String> shopIds();
}
