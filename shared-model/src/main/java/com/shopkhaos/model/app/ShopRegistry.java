package com.shopkhaos.model.app;

import java.util.List;
import java.util.Optional;

/** Port: the shops that installed our app, with their secrets (Secrets Manager, one secret per shop). */
public interface ShopRegistry {

    Optional<ShopRegistration> find(String shopId);

    /**
     * The shop read afresh from the store, after the registration {@link #find} gave failed a check (a webhook
     * signature, the Admin API refusing its credentials): at most once a minute per shop, else as {@link #find}.
     * A flood of bad requests so costs one read a minute.
     */
    default Optional<ShopRegistration> findAfresh(String shopId) {
        return find(shopId);
    }

    void save(ShopRegistration registration);

    /**
     * Forgets the shop and its secrets (the app was uninstalled from it).
     *
     * @return true when a registration was removed; false when there was none (already removed: a replay)
     */
    boolean remove(String shopId);

    /** Every shop that registered (the sweep visits each confirmed one). */
    List<String> shopIds();
}
