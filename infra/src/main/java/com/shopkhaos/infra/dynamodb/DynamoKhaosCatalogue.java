package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.khaos.CatalogueChange;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.ItemListing;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The Khaos catalogue in DynamoDB: one item per stock id (stable), found by stock code through the
 * {@code by-stock-code} index, mapped by the DynamoDB Enhanced Client's schema. Written in batches of 25 through
 * {@link DynamoBatches} (which sends unprocessed items again with back-off; the Enhanced Client's batch write leaves them
 * to the caller too); a deleted item is kept, marked deleted.
 */
@Singleton
public class DynamoKhaosCatalogue implements KhaosCatalogue {
    static final int BATCH = 25;
    private static final TableSchema<Row> SCHEMA = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new)
            .addAttribute(String.class, a -> a.name("stockId").getter(r -> r.stockId).setter((r, v) -> r.stockId = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("stockCode").getter(r -> r.stockCode).setter((r, v) -> r.stockCode = v)
                    .tags(secondaryPartitionKey("by-stock-code")))
            .addAttribute(String.class, a -> a.name("description").getter(r -> r.description).setter((r, v) -> r.description = v))
            .addAttribute(String.class, a -> a.name("otherRef").getter(r -> r.otherRef).setter((r, v) -> r.otherRef = v))
            .addAttribute(String.class, a -> a.name("taxRateCode").getter(r -> r.taxRateCode).setter((r, v) -> r.taxRateCode = v))
            .addAttribute(BigDecimal.class, a -> a.name("taxRatePercent").getter(r -> r.taxRatePercent)
                    .setter((r, v) -> r.taxRatePercent = v))
            .addAttribute(Boolean.class, a -> a.name("discontinued").getter(r -> r.discontinued).setter((r, v) -> r.discontinued = v))
            .addAttribute(Boolean.class, a -> a.name("runToZero").getter(r -> r.runToZero).setter((r, v) -> r.runToZero = v))
            .addAttribute(Boolean.class, a -> a.name("stockControlled").getter(r -> r.stockControlled)
                    .setter((r, v) -> r.stockControlled = v))
            .addAttribute(Boolean.class, a -> a.name("publishOnWeb").getter(r -> r.publishOnWeb).setter((r, v) -> r.publishOnWeb = v))
            .addAttribute(Boolean.class, a -> a.name("nonPhysical").getter(r -> r.nonPhysical).setter((r, v) -> r.nonPhysical = v))
            .addAttribute(Boolean.class, a -> a.name("deleted").getter(r -> r.deleted).setter((r, v) -> r.deleted = v))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(r -> r.updatedAt).setter((r, v) -> r.updatedAt = v))
            .addAttribute(Boolean.class, a -> a.name("listed").getter(r -> r.listed).setter((r, v) -> r.listed = v))
            .addAttribute(BigDecimal.class, a -> a.name("sellGross").getter(r -> r.sellGross).setter((r, v) -> r.sellGross = v))
            .addAttribute(BigDecimal.class, a -> a.name("channelListingGross").getter(r -> r.channelListingGross)
                    .setter((r, v) -> r.channelListingGross = v))
            .addAttribute(BigDecimal.class, a -> a.name("websiteGross").getter(r -> r.websiteGross).setter((r, v) -> r.websiteGross = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("barcodes").getter(r -> r.barcodes)
                    .setter((r, v) -> r.barcodes = v))
            .build();
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbTable<Row> catalogue;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoKhaosCatalogue(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.khaosCatalogue());
    }

    public DynamoKhaosCatalogue(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.catalogue = Attributes.table(dynamo, table, SCHEMA);
    }

    @Override
    public void apply(CatalogueChange change, Instant at) {
        List<WriteRequest> writes = new ArrayList<>();
        change.items().forEach(i -> writes.add(put(toRow(i))));
        for (String stockId : change.deletedStockIds()) {
            CatalogueItem known = byStockId(stockId)
                    .orElse(new CatalogueItem(stockId, "", "", "", "", Optional.empty(), false, false, false, false, false,
                            false, at));
            writes.add(put(toRow(known.asDeleted(at))));
        }
        for (int from = 0; from < writes.size(); from += BATCH) {
            write(writes.subList(from, Math.min(writes.size(), from + BATCH)));
        }
    }

    private static WriteRequest put(Row row) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(SCHEMA.itemToMap(row, true)).build()).build();
    }

    private void write(List<WriteRequest> batch) {
        DynamoBatches.writeAll(dynamo, Map.of(table, batch), DynamoBatches.SLEEP);
    }

    @Override
    public Optional<CatalogueItem> byStockId(String stockId) {
        return Optional.ofNullable(catalogue.getItem(r -> r.key(k -> k.partitionValue(stockId)).consistentRead(true)))
                .map(DynamoKhaosCatalogue::fromRow);
    }

    @Override
    public Optional<CatalogueItem> byStockCode(String stockCode) {
        return catalogue.index("by-stock-code").query(q -> q.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(stockCode))))
                .stream().flatMap(page -> page.items().stream()).map(DynamoKhaosCatalogue::fromRow)
                .max(Comparator.comparing((CatalogueItem i) -> !i.deleted()).thenComparing(CatalogueItem::updatedAt));
    }

    /**
     * One scan page: at most {@code limit} items after {@code afterStockId} (from the start when empty), and fewer only
     * at the catalogue's end: a Scan answer stops at 1 MB, so the next request carries on until there are {@code limit}.
     */
    @Override
    public List<CatalogueItem> page(String afterStockId, int limit) {
        return catalogue.scan(r -> {
            r.limit(limit);
            if (afterStockId != null && !afterStockId.isEmpty()) {
                r.exclusiveStartKey(Map.of("stockId", AttributeValue.fromS(afterStockId)));
            }
        }).items().stream().limit(limit).map(DynamoKhaosCatalogue::fromRow).toList();
    }

    private static Row toRow(CatalogueItem i) {
        Row row = new Row();
        row.stockId = i.stockId();
        row.stockCode = Attributes.absentIfEmpty(i.stockCode());
        row.description = Attributes.absentIfEmpty(i.description());
        row.otherRef = Attributes.absentIfEmpty(i.otherRef());
        row.taxRateCode = Attributes.absentIfEmpty(i.taxRateCode());
        row.taxRatePercent = i.taxRatePercent().map(p -> p.scale() < 0 ? p.setScale(0) : p).orElse(null);
        row.discontinued = i.discontinued();
        row.runToZero = i.runToZero();
        row.stockControlled = i.stockControlled();
        row.publishOnWeb = i.publishOnWeb();
        row.nonPhysical = i.nonPhysical();
        row.deleted = i.deleted();
        row.updatedAt = Attributes.sortable(i.updatedAt());
        i.listing().ifPresent(l -> {
            row.listed = true;
            row.sellGross = l.sellGross().map(DynamoKhaosCatalogue::plain).orElse(null);
            row.channelListingGross = l.channelListingGross().map(DynamoKhaosCatalogue::plain).orElse(null);
            row.websiteGross = l.websiteGross().map(DynamoKhaosCatalogue::plain).orElse(null);
            row.barcodes = l.barcodes().isEmpty() ? null : l.barcodes();
        });
        return row;
    }

    private static CatalogueItem fromRow(Row row) {
        return new CatalogueItem(row.stockId, Attributes.emptyIfAbsent(row.stockCode), Attributes.emptyIfAbsent(row.description), Attributes.emptyIfAbsent(row.otherRef),
                Attributes.emptyIfAbsent(row.taxRateCode), Optional.ofNullable(row.taxRatePercent), yes(row.discontinued), yes(row.runToZero),
                yes(row.stockControlled), yes(row.publishOnWeb), yes(row.nonPhysical), yes(row.deleted),
                Attributes.instant(row.updatedAt), yes(row.listed) ? Optional.of(new ItemListing(Optional.ofNullable(row.sellGross),
                Optional.ofNullable(row.channelListingGross), Optional.ofNullable(row.websiteGross),
                row.barcodes == null ? List.of() : row.barcodes)) : Optional.empty());
    }

    /** DynamoDB numbers carry no exponent we did not mean (1E+1 for 10). */
    private static BigDecimal plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static boolean yes(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    /** One Khaos stock item as the table keeps it ({@code updatedAt} as sortable UTC text, {@link Attributes#sortable}). */
    private static final class Row {
        String stockId;
        String stockCode;
        String description;
        String otherRef;
        String taxRateCode;
        BigDecimal taxRatePercent;
        Boolean discontinued;
        Boolean runToZero;
        Boolean stockControlled;
        Boolean publishOnWeb;
        Boolean nonPhysical;
        Boolean deleted;
        String updatedAt;
        /** Whether the row holds the item's prices and barcodes (pushed since the channel kept them). */
        Boolean listed;
        BigDecimal sellGross;
        BigDecimal channelListingGross;
        BigDecimal websiteGross;
        List<String> barcodes;
    }
}
