package com.shopkhaos.simulators.shopware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paging, ids and total counts as Shopware's RequestCriteriaBuilder and EntitySearcher compute them, over real HTTP. */
class ShopwarePagingTest {
    private SimulatedShop shop;
    private String token;

    @BeforeEach
    void start() throws Exception {
        shop = new SimulatedShop();
        token = shop.token();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private ShopClient.Answer search(String body) {
        return shop.client.api(token, "POST", "/search/product", body);
    }

    private static List<String> skus(ShopClient.Answer answer) {
        List<String> skus = new ArrayList<>();
        answer.json().path("data").forEach(p -> skus.add(p.path("productNumber").asText()));
        return skus;
    }

    private static final String SORTED = "\"sort\":[{\"field\":\"productNumber\",\"order\":\"ASC\"}]";

    @Test
    void thePageIsTheRequestsLimitTimesPageMinusOne() {
        List<String> all = skus(search("{" + SORTED + "}"));
        assertThat(all).hasSize(18);
        assertThat(skus(search("{\"limit\":4,\"page\":3," + SORTED + "}"))).isEqualTo(all.subList(8, 12));
        assertThat(skus(search("{\"limit\":\"4\",\"page\":\"3\"," + SORTED + "}"))).as("numeric strings, as PHP's is_numeric")
                .isEqualTo(all.subList(8, 12));
    }

    @Test
    void aPageWithoutALimit_isOffsetZero_theFirstPageAgain() {
        List<String> first = skus(search("{" + SORTED + "}"));
        ShopClient.Answer second = search("{\"page\":2," + SORTED + "}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(skus(second)).as("RequestCriteriaBuilder::setPage multiplies by the payload's limit, 0 when absent")
                .isEqualTo(first);
    }

    @Test
    void idsAreAllRead_withoutTheLimitCap_andLimitPageAndCountModeAreIgnored() {
        shop.client.control("POST", "/products/generate", "{\"count\":600,\"prefix\":\"IDS-\",\"stock\":1}");
        JsonNode generated = search("{\"filter\":[{\"type\":\"prefix\",\"field\":\"productNumber\",\"value\":\"IDS-\"}],"
                + "\"includes\":{\"product\":[\"id\"]}}").json();
        assertThat(generated.path("data")).as("a search without ids stops at 500").hasSize(500);
        List<String> ids = new ArrayList<>();
        generated.path("data").forEach(p -> ids.add(p.path("id").asText()));
        // the other 100 by a second page
        search("{\"filter\":[{\"type\":\"prefix\",\"field\":\"productNumber\",\"value\":\"IDS-\"}],\"limit\":500,\"page\":2,"
                + "\"includes\":{\"product\":[\"id\"]}}").json().path("data").forEach(p -> ids.add(p.path("id").asText()));
        assertThat(ids).hasSize(600);

        String list = String.join("\",\"", ids);
        ShopClient.Answer byIds = search("{\"ids\":[\"" + list + "\"],\"limit\":10,\"page\":3,\"total-count-mode\":1,"
                + "\"includes\":{\"product\":[\"id\"]}}");
        assertThat(byIds.status()).isEqualTo(200);
        assertThat(byIds.json().path("data")).as("ids: limit dropped, page and count mode not read").hasSize(600);
        assertThat(byIds.json().path("total").asInt()).isEqualTo(600);

        ShopClient.Answer piped = search("{\"ids\":\"" + ids.get(0) + "|" + ids.get(1) + "\",\"limit\":501}");
        assertThat(piped.status()).as("with ids the limit is not even checked").isEqualTo(200);
        assertThat(piped.json().path("data")).hasSize(2);
    }

    @Test
    void totalCountModes_asNumbersAndAsWords() {
        String limited = "\"limit\":2," + SORTED;
        assertThat(search("{" + limited + "}").json().path("total").asInt()).as("none by default: the rows returned").isEqualTo(2);
        assertThat(search("{" + limited + ",\"total-count-mode\":1}").json().path("total").asInt()).isEqualTo(18);
        assertThat(search("{" + limited + ",\"total-count-mode\":\"exact\"}").json().path("total").asInt()).isEqualTo(18);
        // next-pages: EntitySearcher fetches limit × 6 + 1 rows from the offset and counts them
        assertThat(search("{" + limited + ",\"total-count-mode\":2}").json().path("total").asInt()).isEqualTo(13);
        ShopClient.Answer nextPages = search("{" + limited + ",\"total-count-mode\":\"next-pages\",\"page\":8}");
        assertThat(nextPages.json().path("total").asInt()).as("14 rows before page 8: 4 left").isEqualTo(4);
        assertThat(nextPages.json().path("data")).hasSize(2);
        assertThat(search("{" + limited + ",\"total-count-mode\":\"none\"}").json().path("total").asInt()).isEqualTo(2);
        assertThat(search("{" + limited + ",\"total-count-mode\":7}").json().path("total").asInt()).as("out of bounds: none")
                .isEqualTo(2);
        assertThat(search("{" + limited + ",\"total-count-mode\":\"all\"}").json().path("total").asInt()).as("unknown word: none")
                .isEqualTo(2);
    }

    @Test
    void aBadPage_is400_invalidPageQuery_pointingAtPage_andALimitErrorBesideIt() {
        for (String page : List.of("0", "-1", "\"abc\"", "\"\"")) {
            ShopClient.Answer bad = search("{\"limit\":5,\"page\":" + page + "}");
            assertThat(bad.status()).as("page " + page).isEqualTo(400);
            JsonNode error = bad.json().path("errors").path(0);
            assertThat(error.path("code").asText()).isEqualTo("FRAMEWORK__INVALID_PAGE_QUERY");
            assertThat(error.path("source").path("pointer").asText()).isEqualTo("/page");
            assertThat(error.path("detail").asText()).startsWith("The page parameter must be a positive integer. Given: ");
        }
        ShopClient.Answer both = search("{\"limit\":\"x\",\"page\":0}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("errors")).extracting(e -> e.path("code").asText())
                .containsExactly("FRAMEWORK__INVALID_LIMIT_QUERY", "FRAMEWORK__INVALID_PAGE_QUERY");
    }
}
