package com.shopkhaos.sandbox.shopware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.shopware.ShopwareAdminClient;
import com.shopkhaos.infra.shopware.ShopwareClients;
import com.shopkhaos.infra.shopware.ShopwareShopProducts;
import com.shopkhaos.model.app.InMemoryShopRegistry;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.stock.ShopProducts;
import com.shopkhaos.simulators.shopware.SimulatedShop;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stock sync's view of the shop (infra) against the simulated shop: products by SKU, page by page, stock in bulk. */
class ShopwareShopProductsTest {
    private static final String SHOP = "testShop00000001";
    private SimulatedShop shop;
    private ShopwareShopProducts products;

    @BeforeEach
    void start() throws Exception {
        shop = new SimulatedShop();
        ShopRegistration registration = ShopRegistration.pending(SHOP, shop.server.baseUrl(), "s", Instant.now())
                .confirmed(shop.server.baseUrl(), shop.app.confirmedApiKey, shop.app.confirmedSecretKey, Instant.now());
        InMemoryShopRegistry registry = new InMemoryShopRegistry();
        registry.save(registration);
        products = new ShopwareShopProducts(new ShopwareClients(registry, ShopwareAdminClient.defaultHttpClient(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void bySku_findsProductsAndVariants_andSaysWhichAreParentsOrCloseouts() {
        List<ShopProducts.ShopProduct> found = products.bySku(SHOP, List.of("SCARF-MER-GRY", "TSHIRT-ORG-BLK-M", "TSHIRT-ORG",
                "MUG-STONE-BLU", "NO-SUCH-SKU"));
        assertThat(found).extracting(ShopProducts.ShopProduct::sku)
                .containsExactlyInAnyOrder("SCARF-MER-GRY", "TSHIRT-ORG-BLK-M", "TSHIRT-ORG", "MUG-STONE-BLU");
        assertThat(found).filteredOn(p -> p.sku().equals("TSHIRT-ORG")).singleElement()
                .satisfies(p -> assertThat(p.hasVariants()).isTrue());
        assertThat(found).filteredOn(p -> p.sku().equals("TSHIRT-ORG-BLK-M")).singleElement()
                .satisfies(p -> assertThat(p.parentId()).isNotNull());
        assertThat(found).filteredOn(p -> p.sku().equals("MUG-STONE-BLU")).singleElement()
                .satisfies(p -> assertThat(p.closeout()).isTrue());
    }

    @Test
    void aVariantInheritingCloseout_readsAsCloseout_whenTheShopAnswersRawRowsAsShopwareDoes() {
        shop.client.control("PUT", "/settings", "{\"variantInheritance\":\"raw\"}");
        String parent = products.bySku(SHOP, List.of("TSHIRT-ORG")).get(0).id();
        assertThat(shop.client.api(shop.token(), "PATCH", "/product/" + parent, "{\"isCloseout\":true}").status()).isEqualTo(204);

        List<ShopProducts.ShopProduct> found = products.bySku(SHOP, List.of("TSHIRT-ORG-BLK-M", "TSHIRT-ORG-WHT-M"));
        assertThat(found).as("both inherit closeout from their parent: their own rows hold null").hasSize(2)
                .allSatisfy(p -> assertThat(p.closeout()).as(p.sku()).isTrue());
        assertThat(products.page(SHOP, 1, 500)).filteredOn(p -> p.sku().startsWith("TSHIRT-ORG-"))
                .allSatisfy(p -> assertThat(p.closeout()).as(p.sku()).isTrue());
    }

    @Test
    void page_walksEveryProductOnce() {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<ShopProducts.ShopProduct> batch = products.page(SHOP, page, 5);
            batch.forEach(p -> {
                seen.add(p.sku());
                order.add(p.sku());
            });
            if (batch.size() < 5) {
                break;
            }
        }
        assertThat(order).hasSize(seen.size()).hasSize(18);
    }

    @Test
    void setStock_writesEveryRow_inOneSyncRequest_keepingAvailableRight() {
        List<ShopProducts.ShopProduct> found = products.bySku(SHOP, List.of("SCARF-MER-GRY", "MUG-STONE-BLU"));
        List<ShopProducts.StockWrite> writes = found.stream().map(p -> new ShopProducts.StockWrite(p.id(), p.sku(),
                p.sku().equals("MUG-STONE-BLU") ? 0 : 17)).toList();
        int syncs = shop.server.simulator().requests("/api/_action/sync").size();

        products.setStock(SHOP, writes);

        assertThat(shop.server.simulator().requests("/api/_action/sync")).hasSize(syncs + 1);
        assertThat(shop.client.control("GET", "/products/SCARF-MER-GRY", null).path("stock").asInt()).isEqualTo(17);
        JsonNode mug = shop.client.control("GET", "/products/MUG-STONE-BLU", null);
        assertThat(mug.path("stock").asInt()).isZero();
        assertThat(mug.path("available").asBoolean()).as("use-queue-indexing: a closeout at 0 is unavailable").isFalse();
    }

    @Test
    void aRowForAProductDeletedInTheShop_isRefused_andNothingOfTheRequestIsWritten() {
        ShopProducts.ShopProduct scarf = products.bySku(SHOP, List.of("SCARF-MER-GRY")).get(0);
        List<ShopProducts.StockWrite> writes = List.of(new ShopProducts.StockWrite(scarf.id(), "SCARF-MER-GRY", 3),
                new ShopProducts.StockWrite("0123456789abcdef0123456789abcdef", "DELETED-IN-SHOP", 5));

        assertThatThrownBy(() -> products.setStock(SHOP, writes)).isInstanceOf(ShopProducts.RowsRefusedException.class)
                .hasMessageContaining("no longer in the shop");
        assertThat(shop.client.control("GET", "/products/SCARF-MER-GRY", null).path("stock").asInt())
                .as("one transaction: the good row was not written either").isEqualTo(scarf.stock());
    }

    @Test
    void refusedRows_areNamedFromTheShopsErrorPointers() {
        String body = "{\"errors\":[{\"code\":\"c1051bb4\",\"detail\":\"This value should not be blank.\",\"source\":{\"pointer\":\"/0/3/name\"}},"
                + "{\"code\":\"ba785a8c\",\"detail\":\"This value should be of type int.\",\"source\":{\"pointer\":\"/0/3/stock\"}},"
                + "{\"code\":\"x\",\"detail\":\"elsewhere\",\"source\":{\"pointer\":\"/0/9/stock\"}}]}";
        assertThat(ShopwareShopProducts.refusedRows(body, 5)).containsOnlyKeys(3)
                .hasEntrySatisfying(3, reason -> assertThat(reason).contains("should not be blank").contains("of type int"));
    }

    /**
     * The sync batch size, measured (printed, never asserted): the same rows written with each size. Only our side
     * and the simulator are timed; a real Shopware's cost per row (DAL writes, indexing queue) is far higher.
     * {@code -Dshopkhaos.scale=full} writes 20,000 rows per size.
     */
    @Test
    void syncBatchSizes_areMeasured_andEveryRowIsWrittenOnce() {
        int rows = "full".equals(System.getProperty("shopkhaos.scale", "small")) ? 20_000 : 2_000;
        shop.client.control("POST", "/products/generate", "{\"count\":" + rows + ",\"prefix\":\"BATCH-\",\"stock\":0}");
        List<String> skus = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            skus.add(String.format("BATCH-%07d", i));
        }
        List<ShopProducts.ShopProduct> found = products.bySku(SHOP, skus);
        assertThat(found).hasSize(rows);
        StringBuilder report = new StringBuilder("sync batch sizes (" + rows + " rows):");
        int round = 0;
        for (int size : new int[] {50, 100, 250, 500, 1000}) {
            round++;
            List<ShopProducts.StockWrite> writes = new ArrayList<>();
            for (ShopProducts.ShopProduct p : found) {
                writes.add(new ShopProducts.StockWrite(p.id(), p.sku(), round));
            }
            long before = syncRequests();
            long start = System.nanoTime();
            for (int from = 0; from < writes.size(); from += size) {
                products.setStock(SHOP, writes.subList(from, Math.min(writes.size(), from + size)));
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            int requests = (rows + size - 1) / size;
            report.append(String.format(" batch %d: %d requests, %d ms (%.1f rows/ms);", size, requests, ms, rows / (double) Math.max(1, ms)));
            assertThat(syncRequests() - before).as("batch " + size).isEqualTo(requests);
            assertThat(shop.client.control("GET", "/products/" + skus.get(rows - 1), null).path("stock").asInt()).isEqualTo(round);
            assertThat(shop.client.control("GET", "/products/" + skus.get(0), null).path("stock").asInt()).isEqualTo(round);
        }
        System.out.println(report);
    }

    /** The sync requests the shop has received, as its control API counts them. */
    private long syncRequests() {
        return shop.client.control("GET", "", null).path("requestCounts").path("POST /api/_action/sync").asLong(0);
    }
}
