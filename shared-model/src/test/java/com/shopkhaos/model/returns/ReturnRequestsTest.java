package com.shopkhaos.model.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.despatch.InMemoryShipmentBook;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.ShipmentStage;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ordersync.InMemoryOrderMappings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A refund, chargeback or cancellation in the shop becomes one customer return for Khaos, or says why not. */
class ReturnRequestsTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryShipmentBook shipments = new InMemoryShipmentBook();
    private final InMemoryCustomerReturns returns = new InMemoryCustomerReturns();
    private Optional<String> urn = Optional.of("SMIT0001");
    private final ReturnRequests requests = new ReturnRequests(ledger, shipments, returns, order -> urn, SentOrder10042.FORMAT, "5",
            Clock.fixed(AT, ZoneOffset.UTC));

    private void inKhaos(OrderState state) {
        OrderLedgerEntry ready = OrderLedgerEntry.received("shop1", "o42", "10042", "evt-1", "checkout.order.placed", AT).ready(SentOrder10042.SENT, AT, "checked");
        OrderLedgerEntry entry = ready.moveTo(OrderState.DOWNLOADED, ready.khaos().servedIn("p1").downloaded(AT), AT, "served");
        if (state != OrderState.DOWNLOADED) {
            entry = entry.moveTo(OrderState.IMPORTED, AT, "Khaos has it");
        }
        if (state == OrderState.DESPATCHED || state == OrderState.WRITTEN_BACK) {
            entry = entry.moveTo(OrderState.DESPATCHED, AT, "despatched");
        }
        if (state == OrderState.WRITTEN_BACK) {
            entry = entry.moveTo(OrderState.WRITTEN_BACK, AT, "written back");
        }
        ledger.create(entry);
    }

    private void shipped(String shipmentId, String lineId, String sku, int units) {
        shipments.keep("o42", new KhaosShipment(shipmentId, "INV" + shipmentId, "Archived", ShipmentStage.ARCHIVED,
                List.of(new KhaosShipment.Item("oi-" + sku, "si-" + shipmentId, sku, BigDecimal.valueOf(units), lineId, "")), List.of()));
    }

    private static List<String> lines(ReturnRequests.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ReturnRequests.Outcome.Made.class);
        return ((ReturnRequests.Outcome.Made) outcome).customerReturn().lines().stream()
                .map(l -> l.quantity().stripTrailingZeros().toPlainString() + " × " + l.sku()).toList();
    }

    @Test
    void aFullRefundAfterDespatch_makesOneReturnOfWhatLeft_andTheSameEventAgainMakesNothingNew() {
        inKhaos(OrderState.WRITTEN_BACK);
        shipped("S1", "line-mug", "MUG-BLUE", 2);

        ReturnRequests.Outcome first = requests.request("o42", ReturnCause.FULL_REFUND, Optional.empty(), "evt-refund");

        assertThat(lines(first)).containsExactly("2 × MUG-BLUE");
        CustomerReturn made = ((ReturnRequests.Outcome.Made) first).customerReturn();
        assertThat(made.associatedRef()).isEqualTo("10042-R1");
        assertThat(made.urn()).isEqualTo("SMIT0001");
        assertThat(made.reasonCode()).isEqualTo("5");
        assertThat(requests.request("o42", ReturnCause.FULL_REFUND, Optional.empty(), "evt-refund"))
                .isEqualTo(new ReturnRequests.Outcome.Made(made));
        assertThat(returns.returns).hasSize(1);

        shipped("S2", "line-hat", "HAT-RED", 1);
        ReturnRequests.Outcome chargeback = requests.request("o42", ReturnCause.CHARGEBACK, Optional.empty(), "evt-chargeback");
        assertThat(lines(chargeback)).as("only what is not back already").containsExactly("1 × HAT-RED");
        assertThat(((ReturnRequests.Outcome.Made) chargeback).customerReturn().associatedRef()).isEqualTo("10042-R2");
    }

    @Test
    void aRefundBeforeAnythingLeftTheWarehouse_isNoReturn_andNothingIsMade() {
        inKhaos(OrderState.IMPORTED);
        ReturnRequests.Outcome outcome = requests.request("o42", ReturnCause.FULL_REFUND, Optional.empty(), "evt-refund");
        assertThat(outcome).isInstanceOf(ReturnRequests.Outcome.NotAReturn.class);
        assertThat(((ReturnRequests.Outcome.NotAReturn) outcome).why()).contains("Khaos must cancel");
        assertThat(returns.returns).isEmpty();
        assertThat(requests.request("nobody", ReturnCause.FULL_REFUND, Optional.empty(), "evt-x"))
                .isInstanceOf(ReturnRequests.Outcome.NotAReturn.class);
    }

    @Test
    void aPartialRefundWithoutItsItems_goesToAPerson_andOneNamingThemIsMade() {
        inKhaos(OrderState.WRITTEN_BACK);
        shipped("S1", "line-mug", "MUG-BLUE", 2);
        assertThat(requests.request("o42", ReturnCause.PARTIAL_REFUND, Optional.empty(), "evt-partial"))
                .isInstanceOf(ReturnRequests.Outcome.PersonPicksLines.class);
        assertThat(returns.returns).isEmpty();

        ReturnRequests.Outcome picked = requests.request("o42", ReturnCause.PARTIAL_REFUND,
                Optional.of(List.of(new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.ONE))), "person: jo");
        assertThat(lines(picked)).containsExactly("1 × MUG-BLUE");
    }

    @Test
    void aCustomerWhoseAccountInKhaosIsNotKnown_getsNoReturn_untilAPersonSaysWhichAccount() {
        inKhaos(OrderState.DESPATCHED);
        shipped("S1", "line-mug", "MUG-BLUE", 2);
        urn = Optional.empty();
        assertThat(requests.request("o42", ReturnCause.FULL_REFUND, Optional.empty(), "evt-refund"))
                .isEqualTo(new ReturnRequests.Outcome.CustomerUnknownInKhaos("10042"));
        assertThat(returns.returns).as("never a guess").isEmpty();

        urn = Optional.of("SMIT0001");
        assertThat(lines(requests.request("o42", ReturnCause.FULL_REFUND, Optional.empty(), "evt-refund"))).containsExactly("2 × MUG-BLUE");
        assertThatThrownBy(() -> new ReturnRequests(ledger, shipments, returns, order -> urn, SentOrder10042.FORMAT, " ", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPersonsPick_withTheAccountTheyFound_makesTheReturn_butNeverMoreThanLeftTheWarehouse() {
        inKhaos(OrderState.DESPATCHED);
        shipped("S1", "line-mug", "MUG-BLUE", 2);
        urn = Optional.empty();

        assertThat(requests.requestByPerson("o42", List.of(new ReturnLine("line-mug", "MUG-BLUE", new BigDecimal("3"))),
                Optional.of("SMIT0001"), "console: jo")).isInstanceOf(ReturnRequests.Outcome.PersonPicksLines.class);
        assertThat(requests.requestByPerson("o42", List.of(), Optional.of("SMIT0001"), "console: jo"))
                .isInstanceOf(ReturnRequests.Outcome.PersonPicksLines.class);
        assertThat(requests.requestByPerson("o42", List.of(new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.ONE)), Optional.of(" "),
                "console: jo")).as("a blank account is no account").isEqualTo(new ReturnRequests.Outcome.CustomerUnknownInKhaos("10042"));
        assertThat(returns.returns).isEmpty();

        ReturnRequests.Outcome made = requests.requestByPerson("o42", List.of(new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.ONE)),
                Optional.of(" SMIT0001 "), "console: jo");
        assertThat(lines(made)).containsExactly("1 × MUG-BLUE");
        assertThat(((ReturnRequests.Outcome.Made) made).customerReturn().urn()).isEqualTo("SMIT0001");
        assertThat(((ReturnRequests.Outcome.Made) made).customerReturn().cause()).isEqualTo(ReturnCause.PICKED_BY_PERSON);
    }

    @Test
    void eachReturnCarriesTheKhaosReasonMappedForItsCause_elseTheRetailersDefault() {
        inKhaos(OrderState.DESPATCHED);
        shipped("S1", "line-mug", "MUG-BLUE", 2);
        shipped("S2", "line-hat", "HAT-RED", 1);
        InMemoryOrderMappings mappings = new InMemoryOrderMappings();
        mappings.put(InMemoryOrderMappings.RETURN_REASON, "picked-by-person", "2");
        ReturnRequests mapped = new ReturnRequests(ledger, shipments, returns, order -> urn, SentOrder10042.FORMAT, "5", mappings,
                Clock.fixed(AT, ZoneOffset.UTC));

        ReturnRequests.Outcome picked = mapped.requestByPerson("o42", List.of(new ReturnLine("line-mug", "MUG-BLUE", BigDecimal.ONE)),
                Optional.empty(), "console: jo");
        ReturnRequests.Outcome refund = mapped.request("o42", ReturnCause.FULL_REFUND, Optional.empty(), "evt-refund");

        assertThat(((ReturnRequests.Outcome.Made) picked).customerReturn().reasonCode()).isEqualTo("2");
        assertThat(((ReturnRequests.Outcome.Made) refund).customerReturn().reasonCode()).as("no mapping for full-refund").isEqualTo("5");
    }

    @Test
    void aReasonTheShopGave_isMappedBeforeTheCause_andAReasonNotMappedFallsBackToTheCauses() {
        inKhaos(OrderState.DESPATCHED);
        shipped("S1", "line-mug", "MUG-BLUE", 2);
        shipped("S2", "line-hat", "HAT-RED", 1);
        InMemoryOrderMappings mappings = new InMemoryOrderMappings();
        mappings.put(InMemoryOrderMappings.RETURN_REASON, "partial-refund", "2");
        mappings.put(InMemoryOrderMappings.RETURN_REASON, "reason:damaged", "7");
        ReturnRequests mapped = new ReturnRequests(ledger, shipments, returns, order -> urn, SentOrder10042.FORMAT, "5", mappings,
                Clock.fixed(AT, ZoneOffset.UTC));

        ReturnRequests.Outcome damaged = mapped.request("o42", ReturnCause.PARTIAL_REFUND, Optional.of(List.of(new ReturnLine("line-mug",
                "", BigDecimal.ONE))), "shop return 1", Map.of("line-mug", "Damaged"));
        ReturnRequests.Outcome hat = mapped.request("o42", ReturnCause.PARTIAL_REFUND, Optional.of(List.of(new ReturnLine("line-mug",
                "", BigDecimal.ONE), new ReturnLine("line-hat", "", BigDecimal.ONE))), "shop return 2",
                Map.of("line-mug", "damaged", "line-hat", "wrong_size"));

        assertThat(((ReturnRequests.Outcome.Made) damaged).customerReturn().reasonCode()).isEqualTo("7");
        assertThat(((ReturnRequests.Outcome.Made) hat).customerReturn().lines()).extracting(ReturnLine::lineItemId)
                .as("only the hat is new").containsExactly("line-hat");
        assertThat(((ReturnRequests.Outcome.Made) hat).customerReturn().reasonCode())
                .as("the new line's reason, wrong_size, is not mapped; the mug's earlier one is not this return's").isEqualTo("2");
    }
}
