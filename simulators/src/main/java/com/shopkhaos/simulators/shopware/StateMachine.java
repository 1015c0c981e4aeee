package com.shopkhaos.simulators.shopware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of Shopware's state machines (order.state, order_delivery.state, order_transaction.state),
 * with the transitions of Shopware 6.6's migrations. As in 6.5/6.6, {@code cancel} is accepted from
 * any state (StateMachineRegistry's "always allow to cancel" branch).
 */
public final class StateMachine {

    /** A transition: action name from one state to another. */
    public record Transition(String action, String from, String to) {
    }

    private final String technicalName;
    private final String entity;
    private final List<String> states;
    private final List<Transition> transitions = new ArrayList<>();
    private final Map<String, String> stateIds = new LinkedHashMap<>();

    private StateMachine(String technicalName, String entity, List<String> states, SimIds ids) {
        this.technicalName = technicalName;
        this.entity = entity;
        this.states = states;
        states.forEach(s -> stateIds.put(s, ids.next()));
    }

    private StateMachine allow(String action, String from, String to) {
        transitions.add(new Transition(action, from, to));
        return this;
    }

    public String technicalName() {
        return technicalName;
    }

    public String entity() {
        return entity;
    }

    public List<String> states() {
        return states;
    }

    public String stateId(String state) {
        return stateIds.get(state);
    }

    public String stateName(String stateId) {
        return stateIds.entrySet().stream().filter(e -> e.getValue().equals(stateId)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    /**
     * Where {@code action} leads from {@code current}. As Shopware's {@code StateMachineRegistry} (it throws and catches
     * {@code UnnecessaryTransitionException}): an action one of whose transitions ends in the state held leads nowhere
     * new: the state held, and the caller changes nothing (no history, no event, no stock, no mail).
     */
    public Optional<String> destination(String current, String action) {
        return destination(current, action, true);
    }

    /**
     * As {@link #destination(String, String)}; {@code cancelFromAnyState} is Shopware 6.6's "always allow to cancel" branch
     * of {@code StateMachineRegistry::getTransitionDestinationById}, which 6.7 (feature {@code v6.7.0.0}) no longer takes:
     * there {@code cancel} follows the machine's transitions like every other action (shopware/shopware,
     * {@code src/Core/System/StateMachine/StateMachineRegistry.php}; changelog
     * {@code 2024-07-16-remove-manual-override-for-state-machine.md}).
     */
    public Optional<String> destination(String current, String action, boolean cancelFromAnyState) {
        if (transitions.stream().anyMatch(t -> t.action().equals(action) && t.to().equals(current))) {
            return Optional.of(current);
        }
        if (action.equals("cancel") && cancelFromAnyState) {
            return transitions.stream().filter(t -> t.action().equals("cancel")).map(Transition::to).findFirst();
        }
        return transitions.stream().filter(t -> t.from().equals(current) && t.action().equals(action))
                .map(Transition::to).findFirst();
    }

    public List<String> actionsFrom(String current) {
        return transitions.stream().filter(t -> t.from().equals(current)).map(Transition::action).distinct().toList();
    }

    public static StateMachine order(SimIds ids) {
        return new StateMachine("order.state", "order", List.of("open", "in_progress", "completed", "cancelled"), ids)
                .allow("process", "open", "in_progress")
                .allow("cancel", "open", "cancelled")
                .allow("cancel", "in_progress", "cancelled")
                .allow("complete", "in_progress", "completed")
                .allow("reopen", "cancelled", "open")
                .allow("reopen", "completed", "open");
    }

    public static StateMachine delivery(SimIds ids) {
        return new StateMachine("order_delivery.state", "order_delivery",
                List.of("open", "shipped", "shipped_partially", "returned", "returned_partially", "cancelled"), ids)
                .allow("ship", "open", "shipped")
                .allow("ship_partially", "open", "shipped_partially")
                .allow("cancel", "open", "cancelled")
                .allow("retour", "shipped", "returned")
                .allow("retour_partially", "shipped", "returned_partially")
                .allow("cancel", "shipped", "cancelled")
                .allow("retour", "shipped_partially", "returned")
                .allow("retour_partially", "shipped_partially", "returned_partially")
                .allow("ship", "shipped_partially", "shipped")
                .allow("cancel", "shipped_partially", "cancelled")
                .allow("reopen", "cancelled", "open")
                .allow("reopen", "shipped", "open")
                .allow("reopen", "shipped_partially", "open")
                .allow("reopen", "returned", "open")
                .allow("reopen", "returned_partially", "open")
                .allow("retour", "returned_partially", "returned");
    }

    public static StateMachine transaction(SimIds ids) {
        StateMachine m = new StateMachine("order_transaction.state", "order_transaction",
                List.of("open", "in_progress", "paid", "paid_partially", "authorized", "unconfirmed", "reminded",
                        "failed", "chargeback", "refunded", "refunded_partially", "cancelled"), ids);
        m.allow("pay", "open", "paid").allow("paid", "open", "paid")
                .allow("pay_partially", "open", "paid_partially").allow("paid_partially", "open", "paid_partially")
                .allow("cancel", "open", "cancelled").allow("remind", "open", "reminded")
                .allow("do_pay", "open", "in_progress").allow("fail", "open", "failed")
                .allow("authorize", "open", "authorized").allow("process_unconfirmed", "open", "unconfirmed");
        m.allow("pay", "reminded", "paid").allow("pay_partially", "reminded", "paid_partially")
                .allow("cancel", "reminded", "cancelled").allow("reopen", "reminded", "open")
                .allow("do_pay", "reminded", "in_progress").allow("authorize", "reminded", "authorized")
                .allow("process_unconfirmed", "reminded", "unconfirmed");
        m.allow("reopen", "in_progress", "open").allow("fail", "in_progress", "failed")
                .allow("cancel", "in_progress", "cancelled").allow("paid", "in_progress", "paid")
                .allow("paid_partially", "in_progress", "paid_partially").allow("pay_partially", "in_progress", "paid_partially")
                .allow("authorize", "in_progress", "authorized");
        m.allow("reopen", "failed", "open").allow("do_pay", "failed", "in_progress").allow("pay", "failed", "paid")
                .allow("paid", "failed", "paid").allow("fail", "failed", "failed")
                .allow("paid_partially", "failed", "paid_partially").allow("pay_partially", "failed", "paid_partially")
                .allow("process_unconfirmed", "failed", "unconfirmed");
        m.allow("remind", "paid_partially", "reminded").allow("pay", "paid_partially", "paid")
                .allow("refund_partially", "paid_partially", "refunded_partially").allow("refund", "paid_partially", "refunded")
                .allow("cancel", "paid_partially", "cancelled").allow("reopen", "paid_partially", "open")
                .allow("do_pay", "paid_partially", "in_progress").allow("chargeback", "paid_partially", "chargeback")
                .allow("process_unconfirmed", "paid_partially", "unconfirmed");
        m.allow("refund_partially", "paid", "refunded_partially").allow("refund", "paid", "refunded")
                .allow("cancel", "paid", "cancelled").allow("reopen", "paid", "open").allow("chargeback", "paid", "chargeback");
        m.allow("refund", "refunded_partially", "refunded").allow("cancel", "refunded_partially", "cancelled")
                .allow("reopen", "refunded_partially", "open");
        m.allow("reopen", "cancelled", "open").allow("refund", "cancelled", "refunded")
                .allow("refund_partially", "cancelled", "refunded_partially").allow("paid", "cancelled", "paid")
                .allow("process_unconfirmed", "cancelled", "unconfirmed");
        m.allow("paid", "authorized", "paid").allow("paid_partially", "authorized", "paid_partially")
                .allow("fail", "authorized", "failed").allow("cancel", "authorized", "cancelled");
        m.allow("paid", "chargeback", "paid").allow("paid_partially", "chargeback", "paid_partially")
                .allow("cancel", "chargeback", "cancelled");
        m.allow("paid", "unconfirmed", "paid").allow("paid_partially", "unconfirmed", "paid_partially")
                .allow("fail", "unconfirmed", "failed").allow("cancel", "unconfirmed", "cancelled")
                .allow("authorize", "unconfirmed", "authorized").allow("reopen", "unconfirmed", "open");
        return m;
    }
}
