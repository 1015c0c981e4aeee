package com.shopkhaos.model.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a stock condition's subject names: the shop (for a condition of one shop), then the SKU or stock code. */
class StockConditionsTest {

    @Test
    void aConditionOfOneShop_namesTheShopThenWhat_andIsReadBackAtTheFirstColon() {
        String subject = StockConditions.subject("sandboxShop00001", "MUG:BLUE");

        assertThat(subject).isEqualTo("sandboxShop00001:MUG:BLUE");
        assertThat(StockConditions.shopOf(subject)).contains("sandboxShop00001");
        assertThat(StockConditions.what(subject)).isEqualTo("MUG:BLUE");
    }

    @Test
    void aSubjectStoredBeforeSubjectsNamedTheShop_namesNoShop() {
        assertThat(StockConditions.shopOf("MUG-STONE-BLU")).isEmpty();
        assertThat(StockConditions.what("MUG-STONE-BLU")).isEqualTo("MUG-STONE-BLU");
    }

    @Test
    void aShopIdWithAColon_isRefused_forItCouldNotBeReadBack() {
        assertThatThrownBy(() -> StockConditions.subject("shop:1", "MUG")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shop:1");
    }
}
