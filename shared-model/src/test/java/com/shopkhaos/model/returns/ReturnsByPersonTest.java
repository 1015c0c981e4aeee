package com.shopkhaos.model.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.shopkhaos.model.despatch.InMemoryShipmentBook;
import com.shopkhaos.model.khaos.KhaosShipment;
import com.shopkhaos.model.khaos.ShipmentStage;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ledger.TimelineEntry;
import com.shopkhaos.model.ops.InMemoryOpsActionLog;
import com.shopkhaos.model.ops.OpsAction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The console's "create the return in Khaos": a person's pick, checked, made once, recorded with who and when. */
class ReturnsByPersonTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    private final InMemoryShipmentBook shipments = new InMemoryShipmentBook();
    private final InMemoryCustomerReturns returns = new InMemoryCustomerReturns();
    private final InMemoryOpsActionLog actions = new InMemoryOpsActionLog();
    private final Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
    private final ReturnsByPerson console = new ReturnsByPerson(ledger,
            new ReturnRequests(ledger, shipments, returns, order -> Optional.empty(), SentOrder10042.FORMAT, "1", clock), actions, clock);

    ReturnsByPersonTest() {
        OrderLedgerEntry ready = OrderLedgerEntry.received("shop1", "o42", "10042", "evt-1", "checkout.order.placed", AT).ready(SentOrder10042.SENT, AT, "checked");
        ledger.create(ready.moveTo(OrderState.DOWNLOADED, ready.khaos().servedIn("p1").downloaded(AT), AT, "served")
                .moveTo(OrderState.IMPORTED, AT, "imported").moveTo(OrderState.DESPATCHED, AT, "despatched"));
        shipments.keep("o42", new KhaosShipment("S1", "INV1", "Archived", ShipmentStage.ARCHIVED,
                List.of(new KhaosShipment.Item("oi-mug", "si-1", "MUG-BLUE", new BigDecimal("2"), "line-mug", "")), List.of()));
    }

    @Test
    void thePersonSeesWhatLeftTheWarehouse_andTheirPickIsMadeOnce_withWhoAndWhen() {
        ReturnRequests.Returnable view = console.returnable(" 10042 ").orElseThrow();
        assertThat(view.lines()).extracting(ReturnRequests.ReturnableLine::sku, l -> l.returnable().intValue())
                .containsExactly(tuple("MUG-BLUE", 2), tuple("HAT-RED", 0));
        assertThat(view.urn()).as("orders sent without the account").isEmpty();

        List<ReturnsByPerson.Pick> pick = List.of(new ReturnsByPerson.Pick("line-mug", BigDecimal.ONE),
                new ReturnsByPerson.Pick("line-hat", BigDecimal.ZERO));
        ReturnsByPerson.Result made = console.create("10042", pick, "SMIT0001", "cx.jo");
        ReturnsByPerson.Result again = console.create("10042", pick, "SMIT0001", "cx.jo");

        assertThat(made).isInstanceOf(ReturnsByPerson.Result.Made.class);
        assertThat(((ReturnsByPerson.Result.Made) again).customerReturn()).as("a double click")
                .isEqualTo(((ReturnsByPerson.Result.Made) made).customerReturn());
        assertThat(returns.forOrder("o42")).singleElement().satisfies(r -> {
            assertThat(r.lines()).extracting(ReturnLine::sku).containsExactly("MUG-BLUE");
            assertThat(r.urn()).isEqualTo("SMIT0001");
        });
        assertThat(actions.recorded).extracting(OpsAction::by).containsOnly("cx.jo");
        assertThat(ledger.find("o42").orElseThrow().timeline()).extracting(TimelineEntry::event)
                .containsOnlyOnce("return requested by cx.jo");
    }

    @Test
    void aPickThatCannotBe_isRefusedSayingWhy_andNothingIsMade() {
        assertThat(console.create("10042", List.of(new ReturnsByPerson.Pick("line-hat", BigDecimal.ONE)), "SMIT0001", "cx.jo"))
                .isInstanceOfSatisfying(ReturnsByPerson.Result.Refused.class, r -> assertThat(r.why()).contains("more than can come back"));
        assertThat(console.create("10042", List.of(new ReturnsByPerson.Pick("line-mug", BigDecimal.ONE)), " ", "cx.jo"))
                .isInstanceOfSatisfying(ReturnsByPerson.Result.Refused.class, r -> assertThat(r.why()).contains("URN"));
        assertThatThrownBy(() -> console.create("10042", List.of(new ReturnsByPerson.Pick("line-x", BigDecimal.ONE)), "SMIT0001", "cx.jo"))
                .isInstanceOf(ReturnPickRefusedException.class).hasMessageContaining("no line line-x");
        assertThatThrownBy(() -> console.create("10042", List.of(new ReturnsByPerson.Pick("line-mug", new BigDecimal("0.5"))),
                "SMIT0001", "cx.jo")).isInstanceOf(ReturnPickRefusedException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> console.create("10042", List.of(new ReturnsByPerson.Pick("line-mug", BigDecimal.ONE),
                new ReturnsByPerson.Pick("line-mug", BigDecimal.ONE)), "SMIT0001", "cx.jo")).isInstanceOf(ReturnPickRefusedException.class);
        assertThat(console.create("99999", List.of(), "", "cx.jo")).isEqualTo(new ReturnsByPerson.Result.NotFound("99999"));
        assertThat(returns.forOrder("o42")).isEmpty();
    }

    @Test
    void thePickAgainFromAFormThatSawTheFirstReturn_isASecondReturn_butADoubleClickIsNot() {
        List<ReturnsByPerson.Pick> one = List.of(new ReturnsByPerson.Pick("line-mug", BigDecimal.ONE));
        console.create("10042", one, "SMIT0001", "cx.jo", OptionalInt.of(0));
        console.create("10042", one, "SMIT0001", "cx.jo", OptionalInt.of(0));
        assertThat(returns.forOrder("o42")).as("a double click").hasSize(1);

        console.create("10042", one, "SMIT0001", "cx.jo", OptionalInt.of(1));
        assertThat(returns.forOrder("o42")).extracting(CustomerReturn::associatedRef).containsExactly("10042-R1", "10042-R2");
    }
}
