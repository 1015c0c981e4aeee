package com.shopkhaos.infra.khaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.shopkhaos.model.khaos.StockLevel;
import com.shopkhaos.model.khaos.StockStatusUpload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * KCC's StockStatusUpload as the spec allows it (0 to 100 entries a post; Levels, else RelationshipPotential, else
 * neither for an item Khaos keeps no figure for): what we keep, and what goes to a person.
 */
class StockStatusReadingTest {
    private final JacksonKhaosMessageCodec codec = new JacksonKhaosMessageCodec();
    private final Instant at = Instant.parse("2026-12-06T05:00:00Z");

    private StockStatusUpload read(String json) throws Exception {
        return codec.readStockStatuses(json.getBytes(StandardCharsets.UTF_8), at);
    }

    @Test
    void anEmptyStatusesList_isAPushOfNothing_notAProblem() throws Exception {
        StockStatusUpload upload = read("{\"Statuses\":[]}");

        assertThat(upload.levels()).isEmpty();
        assertThat(upload.unreadableEntries()).isEmpty();
    }

    @Test
    void anItemWithNeitherLevelsNorRelationshipPotential_keepsNoFigure_andGoesToNobody() throws Exception {
        StockStatusUpload upload = read("{\"Statuses\":["
                + "{\"StockCode\":\"GIFT-WRAP\",\"StockID\":\"77\",\"SiteID\":1},"
                + "{\"StockCode\":\"KIT-1\",\"StockID\":\"78\",\"SiteID\":1,\"RelationshipPotential\":{\"FromChildren\":4}},"
                + "{\"StockCode\":\"MUG\",\"StockID\":\"79\",\"SiteID\":1,\"Levels\":{\"Available\":12,\"OnOrder\":0}}]}");

        assertThat(upload.levels()).extracting(StockLevel::stockCode, l -> l.available().intValueExact())
                .containsExactly(tuple("KIT-1", 4), tuple("MUG", 12));
        assertThat(upload.unreadableEntries()).isEmpty();
    }

    @Test
    void anEntryWithoutACodeOrWithAFigureThatIsNoNumber_isUnreadable() throws Exception {
        StockStatusUpload upload = read("{\"Statuses\":[{\"StockID\":\"80\",\"SiteID\":1,\"Levels\":{\"Available\":3}},"
                + "{\"StockCode\":\"MUG\",\"SiteID\":1,\"Levels\":{\"Available\":\"many\"}}]}");

        assertThat(upload.levels()).isEmpty();
        assertThat(upload.unreadableEntries()).hasSize(2);
    }
}
