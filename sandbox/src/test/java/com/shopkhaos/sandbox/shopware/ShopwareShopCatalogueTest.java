package com.shopkhaos.sandbox.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.shopware.ShopwareAdminClient;
import com.shopkhaos.infra.shopware.ShopwareClients;
import com.shopkhaos.infra.shopware.ShopwareShopCatalogue;
import com.shopkhaos.model.app.InMemoryShopRegistry;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.audit.ShopCatalogue;
import com.shopkhaos.simulators.shopware.SimulatedShop;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit's view of the shop (infra) against the simulated shop: read whole, variants as the shop shows them, searches only. */
class ShopwareShopCatalogueTest {
    private static final String SHOP = "testShop00000001";
    private SimulatedShop shop;
    private ShopwareShopCatalogue catalogue;

    @BeforeEach
    void start() throws Exception {
        shop = new SimulatedShop();
        ShopRegistration registration = ShopRegistration.pending(SHOP, shop.server.baseUrl(), "s", Instant.now())
                .confirmed(shop.server.baseUrl(), shop.app.confirmedApiKey, shop.app.confirmedSecretKey, Instant.now());
        InMemoryShopRegistry registry = new InMemoryShopRegistry();
        registry.save(registration);
        catalogue = new ShopwareShopCatalogue(new ShopwareClients(registry, ShopwareAdminClient.defaultHttpClient(), Clock.systemUTC()),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private static Map<String, ShopCatalogue.Product> bySku(ShopCatalogue read) {
        return read.products().stream().collect(Collectors.toMap(ShopCatalogue.Product::sku, p -> p));
    }

    @Test
    void theWholeCatalogueIsRead_variantsWithWhatTheyInheritFromTheirParent() {
        ShopCatalogue read = catalogue.read(SHOP, "GBP");
        Map<String, ShopCatalogue.Product> products = bySku(read);

        assertThat(products).hasSize(18);
        ShopCatalogue.Product variant = products.get("TSHIRT-ORG-BLK-M");
        assertThat(variant.parentId()).isEqualTo(products.get("TSHIRT-ORG").id());
        assertThat(variant.grossPrice()).as("inherited from the parent").contains(new BigDecimal("19.50"));
        assertThat(variant.taxRate()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("20"));
        assertThat(variant.onSale()).as("active and visible through its parent").isTrue();
        assertThat(variant.name()).isNotBlank();
        assertThat(products.get("KIDS-COAT-5Y").taxRate()).hasValueSatisfying(r -> assertThat(r).isZero());
        assertThat(products.get("MUG-STONE-BLU").closeout()).isTrue();
        assertThat(read.taxRates()).extracting(BigDecimal::intValue).containsExactly(0, 5, 20);
        assertThat(read.currencies()).containsExactly("GBP");
        assertThat(read.shippingMethods()).extracting(ShopCatalogue.Method::name).contains("Royal Mail Tracked 48", "Courier (legacy setup)");
        assertThat(read.paymentMethods()).extracting(ShopCatalogue.Method::technicalName)
                .containsExactlyInAnyOrder("payment_card", "payment_paypal", "payment_invoice");
        assertThat(read.promotions()).filteredOn(p -> p.code().equals("SOCKS3FOR2")).singleElement()
                .satisfies(p -> {
                    assertThat(p.scopes()).containsExactly("setgroup");
                    assertThat(p.inForce(Instant.now())).isTrue();
                });
    }

    @Test
    void whatTheAdministratorChanged_isReadAsTheShopShowsIt() {
        shop.client.control("PATCH", "/products/SCARF-MER-GRY", "{\"visible\":false}");
        shop.client.control("PATCH", "/products/HAT-BEANIE-NVY", "{\"active\":false}");
        shop.client.control("PATCH", "/products/SOCKS-WOOL-3PK", "{\"ean\":\"5012345000017\",\"digital\":true}");
        shop.client.control("PATCH", "/products/TSHIRT-ORG", "{\"ean\":\"5012345000024\"}");
        shop.client.control("POST", "/promotions", "{\"code\":\"FREESHIP\",\"scope\":\"delivery\"}");

        Map<String, ShopCatalogue.Product> products = bySku(catalogue.read(SHOP, "GBP"));

        assertThat(products.get("SCARF-MER-GRY").onSale()).as("not visible in any sales channel").isFalse();
        assertThat(products.get("HAT-BEANIE-NVY").onSale()).as("inactive").isFalse();
        assertThat(products.get("SOCKS-WOOL-3PK").ean()).isEqualTo("5012345000017");
        assertThat(products.get("SOCKS-WOOL-3PK").digital()).isTrue();
        assertThat(products.get("CANDLE-SOY-LRG").digital()).isFalse();
        assertThat(products.get("TSHIRT-ORG-BLK-M").ean()).as("a variant without its own EAN shows its parent's").isEqualTo("5012345000024");
    }

    @Test
    void aPriceInAnotherCurrency_isTheProductsOwn_elseItsSystemPriceConvertedByTheCurrencysFactor() {
        shop.client.control("POST", "/currencies", "{\"isoCode\":\"EUR\",\"factor\":1.17}");
        shop.client.control("PATCH", "/products/HAT-BEANIE-NVY", "{\"prices\":{\"EUR\":18.00}}");

        ShopCatalogue read = catalogue.read(SHOP, "EUR");
        Map<String, ShopCatalogue.Product> products = bySku(read);

        assertThat(read.currencies()).containsExactly("EUR", "GBP");
        assertThat(products.get("SCARF-MER-GRY").grossPrice()).contains(new BigDecimal("29.25"));
        assertThat(products.get("HAT-BEANIE-NVY").grossPrice()).contains(new BigDecimal("18.00"));
        assertThat(products.get("TSHIRT-ORG-BLK-S").grossPrice()).contains(new BigDecimal("22.82"));
        assertThat(bySku(catalogue.read(SHOP, "USD")).get("SCARF-MER-GRY").grossPrice()).as("a currency the shop lacks")
                .isEqualTo(Optional.empty());
        shop.client.control("POST", "/currencies", "{\"isoCode\":\"CHF\",\"factor\":1.131,\"interval\":0.05}");
        assertThat(bySku(catalogue.read(SHOP, "CHF")).get("SCARF-MER-GRY").grossPrice()).as("25 x 1.131 = 28.275, to the nearest 0.05")
                .contains(new BigDecimal("28.30"));
    }

    @Test
    void theShopIsOnlySearched_neverWritten() {
        catalogue.read(SHOP, "GBP");

        List<String> calls = new ArrayList<>();
        shop.client.control("GET", "/requests", null).path("requests").forEach((JsonNode r) -> {
            if (r.path("path").asText().startsWith("/api/")) {
                calls.add(r.path("method").asText() + " " + r.path("path").asText());
            }
        });
        assertThat(calls).isNotEmpty().allSatisfy(c -> assertThat(c).matches("POST /api/(search/[a-z-]+|oauth/token)"));
    }
}
