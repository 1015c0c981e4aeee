package com.shopkhaos.sandbox;

import com.shopkhaos.infra.dynamodb.DynamoOrderMappings;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.RepositoryRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.simulators.khaos.KhaosSimulator;
import com.shopkhaos.simulators.shopware.ShopwareSimulator;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs once the HTTP server is up: installs our app into the simulated shop and says what is served where. */
public class SandboxApplication implements QuarkusApplication {
    static volatile LocalCloud localCloud;
    static volatile long startedNanos;

    @Inject
    ShopwareSimulator shop;

    @Inject
    KhaosSimulator khaos;

    @Inject
    DynamoOrderMappings mappings;

    @Inject
    SandboxConfig config;

    @Override
    public int run(String... args) {
        String webhookMode = config.webhookMode();
        int demoOrdersPerMinute = config.demo().ordersPerMinute();
        SandboxSettings settings = SandboxSettings.fromEnvironment();
        // the simulated shop sells the knitting guide as BOOK-KNIT-GUIDE; Khaos knows it as BK-KNIT-01 (a mapping ops would add)
        mappings.put(DynamoOrderMappings.SKU, "BOOK-KNIT-GUIDE", "BK-KNIT-01");
        ObjectNode install = SimJson.object()
                .put("manifestPath", RepositoryRoot.locate().resolve("shopware-app/manifest.xml").toString())
                .put("baseUrl", settings.localBaseUrl())
                .put("appSecret", settings.appSecret());
        SimResponse installed = shop.handle(new SimRequest("POST", "/_control/apps/install", null,
                Map.of("Content-Type", "application/json"), SimJson.write(install).getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
        shop.handle(new SimRequest("PUT", "/_control/webhooks/mode", null, Map.of(),
                ("{\"mode\":\"" + webhookMode + "\"}").getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
        JsonNode khaosConnection = khaos.connect();
        khaos.start();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        String base = settings.localBaseUrl();
        StringBuilder banner = new StringBuilder()
                .append("\nShopware <-> Khaos Control sandbox is running on ").append(base)
                .append(String.format(" (started in %.1f s)%n", seconds))
                .append("  GET  /health                      is it up\n")
                .append("  POST /webhooks/shopware           Shopware webhooks (shopware-shop-signature)\n")
                .append("  GET  /shopware/app/register       app registration (shopware-app-signature)\n")
                .append("  POST /shopware/app/confirm        app confirmation\n")
                .append("  GET  /sandbox                     what is where: ledger, exceptions, queue, faults\n")
                .append("  ANY  /shopware-sim/api/...        the simulated shop's Admin API\n")
                .append("  ANY  /shopware-sim/_control/...   the simulated shop's control API (GET it for the list)\n")
                .append("  GET  /khaos/config.json           our Khaos channel's EndpointConfig (Basic auth ")
                .append(settings.khaosChannel().user()).append(":<KHAOS_CHANNEL_PASSWORD>)\n")
                .append("  GET  /khaos/orders, POST /khaos/order-status|stock-status|stock   the channel's endpoints\n")
                .append("  ANY  /khaos-sim/_control/...      the simulated Khaos Control Cloud's control API\n")
                .append("  POST /ksd-sim/KhaosIDS.exe/soap/IKosWeb   the simulated Khaos Control on premises (SOAP)\n")
                .append("  ANY  /ksd-sim/_control/...        its control API\n")
                .append("  POST /ops/orders/{number}/retry   retry a held order (Authorization: Bearer <OPS_API_KEY>)\n");
        if (localCloud != null) {
            banner.append(String.format("Emulators: DynamoDB %s  SQS %s  Secrets Manager %s%n", localCloud.dynamoDbEndpoint(),
                    localCloud.sqsEndpoint(), localCloud.secretsManagerEndpoint()));
        }
        if (installed.status() == 200) {
            banner.append("App installed in the simulated shop ").append(shop.shopId()).append(", webhooks ")
                    .append(webhookMode).append(demoOrdersPerMinute > 0 ? ", demo placing " + demoOrdersPerMinute
                            + " orders a minute" : "").append('\n');
        } else {
            banner.append("App install FAILED: ").append(installed.bodyText()).append('\n');
        }
        banner.append(khaosConnection.path("connected").asBoolean()
                ? "Khaos Control Cloud (simulated) connected to the channel, polling orders\n"
                : "Khaos Control Cloud (simulated) could NOT read the channel config: "
                        + khaosConnection.path("problem").asText() + "\n");
        banner.append("Place an order:\n  curl -s -X POST ").append(base).append("/shopware-sim/_control/orders ")
                .append("-H 'Content-Type: application/json' ")
                .append("-d '{\"customer\":\"jane\",\"lines\":[{\"sku\":\"SCARF-MER-GRY\",\"quantity\":1}],\"paid\":true}'\n")
                .append("then: curl -s ").append(base).append("/sandbox/orders\n")
                .append("Ctrl-C stops everything.\n");
        System.out.println(banner);
        System.out.flush();
        Quarkus.waitForExit();
        return 0;
    }
}
