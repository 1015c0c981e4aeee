package com.shopkhaos.simulators.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SimJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The simulator held against KCC's message shapes (the JSON examples in the README of
 * khaoscontrol/kcc-web-services): it accepts the example order and its pushes use the examples' field names (the
 * sandbox's {@code KccExamplesReadByOurChannelTest} holds our channel to the same examples). Run twice: against
 * our own examples in those shapes ({@link KccOwnExamplesTest}, always) and against the vendor's own
 * ({@link KccSpecExamplesTest}, when its README is at hand).
 */
abstract class KccExampleChecks {
    abstract KccExamples.Examples examples();

    @Test
    void theSimulator_acceptsTheExampleOrderDownload() {
        assertThat(examples().orderDownload().path("ApiVersion").asInt()).isEqualTo(KhaosSimulator.API_VERSION);
        assertThat(SalesOrderValidator.checkConfig(examples().orderDownload().path("Config"))).isEmpty();
        KccCatalogue catalogue = new KccCatalogue();
        JsonNode order = examples().orderDownload().path("Orders").path(0);
        String sku = order.path("Items").path(0).path("SKU").asText();
        catalogue.byId.put("9001", new KccItem("9001", sku, "spec example item", "", List.of(), "1", new BigDecimal("2.10"),
                "Stationery", "Pens", Map.of()));
        SalesOrderValidator validator = new SalesOrderValidator(catalogue, new KccStock(catalogue));
        SalesOrderValidator.Decision decision = validator.check(order, examples().orderDownload().path("Config"), ref -> false);
        assertThat(decision.problems()).isEmpty();
        assertThat(decision.lines()).hasSize(1);
    }

    @Test
    void theSimulatorsPushes_useTheExamplesFieldNames() {
        KccCatalogue catalogue = new KccCatalogue();
        KccStock stock = new KccStock(catalogue);
        JsonNode ourUpload = read(KccMessages.stockUpload(catalogue, catalogue.byId.values(), List.of()));
        JsonNode specItem = examples().stockUpload().path("Items").path(0);
        for (JsonNode ourItem : ourUpload.path("Items")) {
            assertThat(keys(specItem)).as("every StockItem field we send is in the spec's example (or its table: OtherRef)")
                    .containsAll(without(keys(ourItem), "OtherRef"));
            assertThat(keys(ourItem.path("Options"))).isEqualTo(keys(specItem.path("Options")));
            assertThat(keys(ourItem.path("TaxRate"))).isEqualTo(keys(specItem.path("TaxRate")));
        }

        JsonNode specLevel = examples().stockStatus().path("Statuses").path(0);
        KccItem scarf = catalogue.byCode("SCARF-MER-GRY").orElseThrow();
        ObjectNode ourLevel = KccMessages.stockStatus(scarf, 1, stock);
        assertThat(keys(ourLevel)).isEqualTo(keys(specLevel));
        assertThat(keys(ourLevel.path("Levels"))).isEqualTo(keys(specLevel.path("Levels")));
        assertThat(ourLevel.path("SiteID").isInt()).isEqualTo(specLevel.path("SiteID").isInt());
        assertThat(ourLevel.path("StockID").isTextual()).isEqualTo(specLevel.path("StockID").isTextual());

        KccOrder order = new KccOrder("5001", "SO05001", "ref-1", "", 1, Instant.now(), SimJson.object(), catalogue.couriers.get(0));
        order.shipments.add(new KccOrder.Shipment("S1", "INV1", "Staging",
                List.of(new KccOrder.ShipmentItem("OI1", "SI1", "MUG-STONE-BLU", 2.0, "", "")),
                List.of(new KccOrder.ShipmentPackage("JD1GB", catalogue.couriers.get(0), Instant.now()))));
        ObjectNode ourStatus = KccMessages.orderStatus(order, "21", "Status");
        JsonNode specStatus = examples().orderStatus().path("Statuses").path(0);
        assertThat(keys(ourStatus)).isEqualTo(keys(specStatus));
        assertThat(keys(ourStatus.path("Shipments").path(0))).isEqualTo(keys(specStatus.path("Shipments").path(0)));
        assertThat(keys(ourStatus.path("Shipments").path(0).path("Items").path(0)))
                .isEqualTo(keys(specStatus.path("Shipments").path(0).path("Items").path(0)));
        assertThat(keys(ourStatus.path("Shipments").path(0).path("Packages").path(0).path("Courier")))
                .isEqualTo(keys(specStatus.path("Shipments").path(0).path("Packages").path(0).path("Courier")));
    }

    static JsonNode read(String json) {
        try {
            return SimJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        Iterator<String> names = node.fieldNames();
        names.forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> without(Set<String> keys, String... dropped) {
        List<String> out = new ArrayList<>(keys);
        out.removeAll(List.of(dropped));
        return out;
    }
}
