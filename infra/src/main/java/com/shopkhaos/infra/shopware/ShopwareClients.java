package com.shopkhaos.infra.shopware;

import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One Admin API client per registered shop, so its token is reused until it expires; rebuilt when credentials change. */
@Singleton
public class ShopwareClients {
    private final ShopRegistry shops;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, ShopwareAdminClient> clients = new ConcurrentHashMap<>();

    @Inject
    public ShopwareClients(ShopRegistry shops, Clock clock) {
        this(shops, ShopwareAdminClient.defaultHttpClient(), clock);
    }

    public ShopwareClients(ShopRegistry shops, HttpClient http, Clock clock) {
        this.shops = shops;
        this.http = http;
        this.clock = clock;
    }

    public ShopwareAdminClient forShop(String shopId) {
        ShopRegistration shop = shops.find(shopId).filter(ShopRegistration::isConfirmed)
                .orElseThrow(() -> new ShopwareUnavailableException("shop " + shopId + " is not registered (or not confirmed)", null));
        return clients.compute(shopId, (id, client) -> client != null && client.isFor(shop) ? client
                : new ShopwareAdminClient(http, shop, () -> shops.findAfresh(shopId), clock));
    }
}
