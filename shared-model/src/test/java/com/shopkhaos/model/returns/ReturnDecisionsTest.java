package com.shopkhaos.model.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.despatch.ShopDeliveries;
import com.shopkhaos.model.ledger.OrderState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What a refund, chargeback or cancellation in the shop sends back into Khaos, and what a person must decide. */
class ReturnDecisionsTest {
    private static final List<ShopDeliveries.OrderedLine> LINES = List.of(
            new ShopDeliveries.OrderedLine("line-mug", "MUG-BLUE", 2), new ShopDeliveries.OrderedLine("line-hat", "HAT-RED", 1));
    private static final Map<String, BigDecimal> ALL_SHIPPED = Map.of("line-mug", BigDecimal.valueOf(2), "line-hat", BigDecimal.ONE);
    private static final Map<String, BigDecimal> NOTHING = Map.of();

    private static ReturnDecision decide(OrderState state, Map<String, BigDecimal> shipped, Map<String, BigDecimal> returned,
                                         ReturnCause cause, List<ReturnLine> shopSays) {
        return ReturnRules.decide(state, LINES, shipped, returned, cause, Optional.ofNullable(shopSays));
    }

    private static List<String> lines(ReturnDecision decision) {
        assertThat(decision).isInstanceOf(ReturnDecision.ReturnGoods.class);
        return ((ReturnDecision.ReturnGoods) decision).lines().stream()
                .map(l -> l.quantity().stripTrailingZeros().toPlainString() + " × " + l.sku()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ReturnCause.class, names = {"FULL_REFUND", "CHARGEBACK", "CANCELLED_IN_SHOP"})
    void theWholeOrderBack_afterDespatch_returnsEveryDespatchedUnit(ReturnCause cause) {
        assertThat(lines(decide(OrderState.WRITTEN_BACK, ALL_SHIPPED, NOTHING, cause, null))).containsExactly("2 × MUG-BLUE", "1 × HAT-RED");
    }

    @Test
    void aFullRefundAfterAPartialDespatch_returnsOnlyWhatLeftTheWarehouse() {
        assertThat(lines(decide(OrderState.DESPATCHED, Map.of("line-mug", BigDecimal.ONE), NOTHING, ReturnCause.FULL_REFUND, null)))
                .containsExactly("1 × MUG-BLUE");
    }

    @ParameterizedTest(name = "{0} before anything was despatched")
    @EnumSource(value = ReturnCause.class)
    void nothingDespatched_isNeverAReturn_KhaosMustCancelInstead(ReturnCause cause) {
        ReturnDecision decision = decide(OrderState.IMPORTED, NOTHING, NOTHING, cause, List.of(new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.ONE)));
        assertThat(decision).isInstanceOf(ReturnDecision.NoReturn.class);
        assertThat(((ReturnDecision.NoReturn) decision).why()).contains("nothing has left Khaos's warehouse", "Khaos must cancel");
    }

    @ParameterizedTest(name = "order {0}: no return")
    @CsvSource({"RECEIVED, never had", "READY, never had", "QUARANTINED, never had", "WITHDRAWN, never had", "CANCELLED, Khaos cancelled"})
    void anOrderKhaosDoesNotHold_isNeverAReturn(OrderState state, String words) {
        ReturnDecision decision = decide(state, ALL_SHIPPED, NOTHING, ReturnCause.FULL_REFUND, null);
        assertThat(decision).isInstanceOf(ReturnDecision.NoReturn.class);
        assertThat(((ReturnDecision.NoReturn) decision).why()).contains(words);
    }

    @Test
    void unitsReturnedBefore_neverComeBackTwice() {
        Map<String, BigDecimal> returned = Map.of("line-mug", BigDecimal.ONE);
        assertThat(lines(decide(OrderState.WRITTEN_BACK, ALL_SHIPPED, returned, ReturnCause.CHARGEBACK, null)))
                .containsExactly("1 × MUG-BLUE", "1 × HAT-RED");
        ReturnDecision allBack = decide(OrderState.WRITTEN_BACK, ALL_SHIPPED, ALL_SHIPPED, ReturnCause.FULL_REFUND, null);
        assertThat(((ReturnDecision.NoReturn) allBack).why()).contains("returned to Khaos already");
    }

    @Test
    void aPartialRefundNamingItsItems_returnsThem_andOneNamingNone_goesToAPerson() {
        List<ReturnLine> oneMug = List.of(new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.ONE));
        assertThat(lines(decide(OrderState.WRITTEN_BACK, ALL_SHIPPED, NOTHING, ReturnCause.PARTIAL_REFUND, oneMug)))
                .containsExactly("1 × MUG-BLUE");
        for (List<ReturnLine> silent : java.util.Arrays.<List<ReturnLine>>asList(null, List.of())) {
            ReturnDecision decision = decide(OrderState.WRITTEN_BACK, ALL_SHIPPED, NOTHING, ReturnCause.PARTIAL_REFUND, silent);
            assertThat(decision).isInstanceOf(ReturnDecision.PersonPicksLines.class);
            assertThat(((ReturnDecision.PersonPicksLines) decision).why()).contains("without saying which items");
        }
    }

    @Test
    void aPartialRefundNamingMoreThanCanComeBack_goesToAPerson_sayingWhat() {
        List<ReturnLine> threeMugs = List.of(new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.valueOf(3)));
        ReturnDecision decision = decide(OrderState.WRITTEN_BACK, ALL_SHIPPED, Map.of("line-mug", BigDecimal.ONE),
                ReturnCause.PARTIAL_REFUND, threeMugs);
        assertThat(((ReturnDecision.PersonPicksLines) decision).why()).contains("3 × MUG-BLUE (despatched and not back: 1)");
    }

    @Test
    void eachReturnOfAnOrder_hasItsOwnReference_andALineNeedsUnits() {
        assertThat(ReturnRules.associatedRef("10042", 1)).isEqualTo("10042-R1");
        assertThat(ReturnRules.associatedRef("10042", 2)).isEqualTo("10042-R2");
        assertThatThrownBy(() -> ReturnRules.associatedRef("10042", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
