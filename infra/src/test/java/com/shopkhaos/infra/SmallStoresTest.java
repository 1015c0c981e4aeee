package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoCheckpoints;
import com.shopkhaos.infra.dynamodb.DynamoDownloadPages;
import com.shopkhaos.infra.dynamodb.DynamoKhaosCatalogue;
import com.shopkhaos.infra.dynamodb.DynamoKhaosInbox;
import com.shopkhaos.infra.dynamodb.DynamoOpsActionLog;
import com.shopkhaos.infra.dynamodb.DynamoOrderMappings;
import com.shopkhaos.model.khaos.CatalogueChange;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.ItemListing;
import com.shopkhaos.model.khaos.DownloadPages.Page;
import com.shopkhaos.model.khaos.KhaosUpload;
import com.shopkhaos.model.khaos.KhaosUploadKind;
import com.shopkhaos.model.ops.OpsAction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The small tables mapped by the DynamoDB Enhanced Client, against the emulator: checkpoints, served download pages, the
 * ops action log, the mappings, the Khaos catalogue and inbox; most also read an item exactly as the hand-written mapping stored it.
 */
class SmallStoresTest {
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Map<String, String> env = cloud.allFunctionsEnvironment();
    private final Instant t0 = Instant.parse("2026-11-27T12:00:00Z");

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aCheckpoint_movesOnlyFromTheValueTheMoverRead() {
        DynamoCheckpoints checkpoints = new DynamoCheckpoints(cloud.dynamoDb(), env.get("CHECKPOINTS_TABLE"));
        String name = unique("sweep-");
        assertThat(checkpoints.get(name)).isEmpty();
        assertThat(checkpoints.advance(name, Optional.empty(), t0)).isTrue();
        assertThat(checkpoints.advance(name, Optional.empty(), t0.plusSeconds(1))).as("a second first write").isFalse();
        assertThat(checkpoints.advance(name, Optional.of(t0.minusSeconds(1)), t0.plusSeconds(2))).as("moved from a stale read").isFalse();
        assertThat(checkpoints.advance(name, Optional.of(t0), t0.plusMillis(1500))).isTrue();
        assertThat(checkpoints.get(name)).contains(t0.plusMillis(1500));

        String older = unique("sweep-");
        cloud.dynamoDb().putItem(b -> b.tableName(env.get("CHECKPOINTS_TABLE")).item(Map.of("name", AttributeValue.fromS(older),
                "at", AttributeValue.fromS("2026-11-27T11:00:00.250000000Z"))));
        assertThat(checkpoints.get(older)).contains(Instant.parse("2026-11-27T11:00:00.250Z"));
        assertThat(checkpoints.advance(older, Optional.of(Instant.parse("2026-11-27T11:00:00.250Z")), t0)).isTrue();
    }

    @Test
    void aServedPage_isSavedOnce_andItsFirstAcknowledgementStays() {
        DynamoDownloadPages pages = new DynamoDownloadPages(cloud.dynamoDb(), env.get("KHAOS_ORDER_PAGES_TABLE"));
        String pageId = unique("kc1-");
        pages.save(new Page(pageId, t0, List.of("a1", "b2"), null));
        assertThatThrownBy(() -> pages.save(new Page(pageId, t0.plusSeconds(1), List.of("c3"), null)))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(pages.find(pageId)).contains(new Page(pageId, t0, List.of("a1", "b2"), null));

        pages.acknowledged(pageId, t0.plusSeconds(5));
        pages.acknowledged(pageId, t0.plusSeconds(9));
        assertThat(pages.find(pageId).orElseThrow().acknowledgedAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(pages.find(unique("none-"))).isEmpty();
        assertThat(cloud.dynamoDb().getItem(b -> b.tableName(env.get("KHAOS_ORDER_PAGES_TABLE"))
                .key(Map.of("pageId", AttributeValue.fromS(pageId)))).item().get("expiresAt").n())
                .as("the TTL, 30 days after it was served").isEqualTo(Long.toString(t0.plusSeconds(30L * 24 * 3600).getEpochSecond()));
    }

    @Test
    void everyOpsAction_onASubject_isKept_evenTwoInOneInstant_andANoteIsOptional() {
        DynamoOpsActionLog log = new DynamoOpsActionLog(cloud.dynamoDb(), env.get("OPS_ACTIONS_TABLE"));
        String subject = unique("exception:");
        log.record(new OpsAction(subject, "retry", "ops@shop.example", "", t0));
        log.record(new OpsAction(subject, "resolve", "ops@shop.example", "fixed in Khaos", t0));
        assertThat(log.forSubject(subject)).extracting(OpsAction::action, OpsAction::note, OpsAction::at)
                .containsExactlyInAnyOrder(tuple("retry", "", t0),
                        tuple("resolve", "fixed in Khaos", t0));
        assertThat(log.forSubject(unique("exception:"))).isEmpty();
    }

    @Test
    void aMappingAPersonSaved_isReadByTheNextLookup_besideOnesStoredBefore() {
        String table = env.get("MAPPINGS_TABLE");
        String oldSku = unique("OLD-");
        cloud.dynamoDb().putItem(b -> b.tableName(table).item(Map.of("kind", AttributeValue.fromS(DynamoOrderMappings.SKU),
                "key", AttributeValue.fromS(oldSku), "value", AttributeValue.fromS("KH-OLD"))));
        DynamoOrderMappings mappings = new DynamoOrderMappings(cloud.dynamoDb(), table, Clock.fixed(t0, ZoneOffset.UTC));
        String sku = unique("SKU-");
        mappings.put(DynamoOrderMappings.SKU, sku, "KH-1");
        mappings.put(DynamoOrderMappings.COURIER, unique("dhl-"), "DHL Next Day");
        assertThat(mappings.current().skuToStockCode()).containsEntry(sku, "KH-1").containsEntry(oldSku, "KH-OLD");
        mappings.put(DynamoOrderMappings.SKU, sku, "KH-2");
        assertThat(mappings.current().skuToStockCode()).as("a save clears the cache").containsEntry(sku, "KH-2");
    }

    @Test
    void aMappingSavedByAnotherFunction_isSeenByAFreshRead_atOnce_andByTheCachedOneWithinAMinute() {
        String table = env.get("MAPPINGS_TABLE");
        DynamoOrderMappings here = new DynamoOrderMappings(cloud.dynamoDb(), table, Clock.fixed(t0, ZoneOffset.UTC));
        DynamoOrderMappings opsApi = new DynamoOrderMappings(cloud.dynamoDb(), table, Clock.fixed(t0, ZoneOffset.UTC));
        String sku = unique("SKU-");
        here.current();

        opsApi.put(DynamoOrderMappings.SKU, sku, "KH-9");

        assertThat(here.current().skuToStockCode()).as("cached for a minute").doesNotContainKey(sku);
        assertThat(here.fresh().skuToStockCode()).as("the audit's read").containsEntry(sku, "KH-9");
    }

    @Test
    void theCatalogue_findsAnItemByItsCode_preferringTheLiveOne_andKeepsADeletedOneMarked() {
        DynamoKhaosCatalogue catalogue = new DynamoKhaosCatalogue(cloud.dynamoDb(), env.get("KHAOS_CATALOGUE_TABLE"));
        String code = unique("SC-");
        String gone = unique("id-");
        String live = unique("id-");
        catalogue.apply(new CatalogueChange(List.of(item(gone, code, Optional.of(new BigDecimal("20")), t0)), List.of()), t0);
        catalogue.apply(new CatalogueChange(List.of(item(live, code, Optional.empty(), t0.plusSeconds(1))), List.of(gone)),
                t0.plusSeconds(2));
        assertThat(catalogue.byStockId(gone)).hasValueSatisfying(i -> {
            assertThat(i.deleted()).isTrue();
            assertThat(i.taxRatePercent()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("20"));
        });
        assertThat(catalogue.byStockCode(code)).contains(item(live, code, Optional.empty(), t0.plusSeconds(1)));
        assertThat(catalogue.byStockId(unique("id-"))).isEmpty();

        String old = unique("id-");
        cloud.dynamoDb().putItem(b -> b.tableName(env.get("KHAOS_CATALOGUE_TABLE")).item(Map.of("stockId", AttributeValue.fromS(old),
                "stockCode", AttributeValue.fromS(unique("SC-")), "taxRatePercent", AttributeValue.fromN("5.0"),
                "runToZero", AttributeValue.fromBool(true), "updatedAt", AttributeValue.fromS("2026-11-27T11:00:00.000000000Z"))));
        assertThat(catalogue.byStockId(old)).hasValueSatisfying(i -> {
            assertThat(i.runToZero()).isTrue();
            assertThat(i.discontinued()).isFalse();
            assertThat(i.description()).isEmpty();
            assertThat(i.taxRatePercent()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("5"));
        });
    }

    @Test
    void theCatalogue_keepsAnItemsPricesAndBarcodes_andSaysWhenAnOlderPushBroughtNone() {
        DynamoKhaosCatalogue catalogue = new DynamoKhaosCatalogue(cloud.dynamoDb(), env.get("KHAOS_CATALOGUE_TABLE"));
        String id = unique("id-");
        // DynamoDB keeps a number's value, not its scale: 20.00 comes back as 20
        ItemListing listing = new ItemListing(Optional.of(new BigDecimal("20")), Optional.empty(), Optional.of(new BigDecimal("18.5")),
                List.of("5012345678900", "5012345678917"));
        CatalogueItem listed = new CatalogueItem(id, unique("SC-"), "Scarf", "", "1", Optional.of(new BigDecimal("20")), false, false,
                true, true, false, false, t0, Optional.of(listing));
        catalogue.apply(new CatalogueChange(List.of(listed), List.of()), t0);

        assertThat(catalogue.byStockId(id)).contains(listed);
        assertThat(catalogue.byStockId(id).orElseThrow().listing().orElseThrow().shopPrice())
                .contains(new ItemListing.KhaosPrice(ItemListing.PriceKind.WEBSITE, new BigDecimal("18.5")));
        String old = unique("id-");
        catalogue.apply(new CatalogueChange(List.of(item(old, unique("SC-"), Optional.empty(), t0)), List.of()), t0);
        assertThat(catalogue.byStockId(old).orElseThrow().listing()).as("pushed before prices were kept").isEmpty();
    }

    @Test
    void theInbox_keepsABodyTooLargeForAnItemWhole_newestFirst() {
        DynamoKhaosInbox inbox = new DynamoKhaosInbox(cloud.dynamoDb(), env.get("KHAOS_INBOX_TABLE"));
        String large = "{\"Statuses\":[" + "{\"AssociatedRef\":\"10001\",\"Status\":\"Staging\"},".repeat(20_000) + "{}]}";
        Instant far = Instant.parse("2099-01-01T00:00:00Z");
        inbox.keep(new KhaosUpload(unique("u-"), KhaosUploadKind.ORDER_STATUS, far, "{}"));
        String id = unique("u-");
        inbox.keep(new KhaosUpload(id, KhaosUploadKind.ORDER_STATUS, far.plusSeconds(1), large));
        assertThat(inbox.latest(KhaosUploadKind.ORDER_STATUS, 2)).extracting(KhaosUpload::body).containsExactly(large, "{}");
        assertThat(inbox.latest(KhaosUploadKind.ORDER_STATUS, 1)).singleElement()
                .isEqualTo(new KhaosUpload(id, KhaosUploadKind.ORDER_STATUS, far.plusSeconds(1), large));
    }

    private static CatalogueItem item(String stockId, String code, Optional<BigDecimal> rate, Instant at) {
        return new CatalogueItem(stockId, code, "Mug", "", "1", rate, false, false, true, true, false, false, at);
    }
}
