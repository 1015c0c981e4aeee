package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The three state machines an order lives by, with their state ids. */
final class StateMachines {
    final StateMachine order;
    final StateMachine delivery;
    final StateMachine transaction;
    private final String orderMachineId;
    private final String deliveryMachineId;
    private final String transactionMachineId;

    StateMachines(SimIds ids) {
        order = StateMachine.order(ids);
        delivery = StateMachine.delivery(ids);
        transaction = StateMachine.transaction(ids);
        orderMachineId = ids.next();
        deliveryMachineId = ids.next();
        transactionMachineId = ids.next();
    }

    ObjectNode stateJson(StateMachine machine, String state) {
        String machineId = machine == order ? orderMachineId : machine == delivery ? deliveryMachineId : transactionMachineId;
        ObjectNode json = SimJson.object().put("technicalName", state).put("name", humanName(state))
                .put("stateMachineId", machineId).put("id", machine.stateId(state));
        json.putObject("translated").put("name", humanName(state));
        return json.put("apiAlias", "state_machine_state");
    }

    private static String humanName(String state) {
        String spaced = state.replace('_', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
