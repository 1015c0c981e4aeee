package com.shopkhaos.model.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import org.junit.jupiter.api.Test;

/** What a stock condition's subject names: the shop (for a condition of one shop) and the SKU or stock code, as typed values. */
class StockConditionsTest {

    @Test
    void aConditionOfOneShop_namesTheShopAndWhat_asPeopleSeeIt_withoutEverSplittingTheText() {
        ExceptionSubject about = StockConditions.subject(ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS, "sandboxShop00001", "MUG:BLUE");

        assertThat(about).isEqualTo(new ExceptionSubject.ShopSku("sandboxShop00001", "MUG:BLUE"));
        assertThat(about.text()).isEqualTo("sandboxShop00001:MUG:BLUE");
        assertThat(StockConditions.shopOf(about)).contains("sandboxShop00001");
        assertThat(StockConditions.subject(ExceptionType.WEB_ITEM_NOT_IN_SHOP, "sandboxShop00001", "KH-1"))
                .isEqualTo(new ExceptionSubject.StockCode("sandboxShop00001", "KH-1"));
    }

    @Test
    void khaosOwnConditions_andOnesRaisedBeforeSubjectsNamedTheShop_nameNoShop() {
        assertThat(StockConditions.shopOf(StockConditions.subject(ExceptionType.STOCK_NEGATIVE_IN_KHAOS, "", "MUG-STONE-BLU")))
                .isEmpty();
        assertThat(StockConditions.shopOf(new ExceptionSubject.ShopSku("MUG-STONE-BLU"))).isEmpty();
        assertThatThrownBy(() -> StockConditions.subject(ExceptionType.STOCK_FOR_UNKNOWN_CODE, "shop1", "KH-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no shop");
    }

    @Test
    void aShopIdWithAColon_isRefused_forTwoSubjectsWouldShareOneId() {
        assertThatThrownBy(() -> StockConditions.subject(ExceptionType.STOCK_PUSH_REFUSED, "shop:1", "MUG"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shop:1");
    }
}
