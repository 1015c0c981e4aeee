package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoCustomerReturns;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.ReturnCause;
import com.shopkhaos.model.returns.ReturnLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The returns table against the emulator: one return per reference, an order's returns in order, the READY ones oldest first. */
class DynamoCustomerReturnsTest {
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final DynamoCustomerReturns returns = new DynamoCustomerReturns(cloud.dynamoDb(),
            cloud.allFunctionsEnvironment().get("RETURNS_TABLE"));
    private final Instant t0 = Instant.parse("2026-12-06T10:00:00Z");

    private static CustomerReturn ret(String orderId, String number, int sequence, Instant at, String requestedBy) {
        return CustomerReturn.ready("shop1", orderId, number, sequence, ReturnCause.FULL_REFUND,
                List.of(new ReturnLine("line-mug", "MUG-BLUE", new BigDecimal("2")), new ReturnLine("line-hat", "HAT-RED", BigDecimal.ONE)),
                "SMIT0001", "5", at, requestedBy);
    }

    @Test
    void aReturnIsKeptOnceUnderItsReference_readBackWhole_andListedWithItsOrder() {
        String orderId = UUID.randomUUID().toString().replace("-", "");
        String number = "R" + System.nanoTime() % 1_000_000_000L;
        CustomerReturn first = ret(orderId, number, 1, t0, "evt-1");
        assertThat(returns.add(first)).isTrue();
        assertThat(returns.add(ret(orderId, number, 1, t0.plusSeconds(5), "evt-2"))).as("a second under one reference").isFalse();
        assertThat(returns.add(ret(orderId, number, 2, t0.plusSeconds(9), "evt-3"))).isTrue();

        assertThat(returns.find(number + "-R1")).contains(first);
        assertThat(returns.find(number + "-R9")).isEmpty();
        assertThat(returns.forOrder(orderId)).extracting(CustomerReturn::associatedRef).containsExactly(number + "-R1", number + "-R2");
    }

    @Test
    void readyReturns_comeOldestFirst_andOneKhaosAcknowledgedLeavesThemOnce() {
        String orderId = UUID.randomUUID().toString().replace("-", "");
        String number = "R" + System.nanoTime() % 1_000_000_000L;
        Instant old = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(System.nanoTime() % 1_000_000);
        returns.add(ret(orderId, number, 2, old.plusSeconds(1), ""));
        returns.add(ret(orderId, number, 1, old, ""));

        List<String> ready = returns.ready(1000).stream().map(CustomerReturn::associatedRef).toList();
        assertThat(ready).containsSubsequence(number + "-R1", number + "-R2");

        assertThat(returns.downloaded(number + "-R1", "kr1-page", t0)).isTrue();
        assertThat(returns.downloaded(number + "-R1", "kr1-later", t0.plusSeconds(60))).as("acknowledged once").isFalse();
        assertThat(returns.find(number + "-R1")).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(CustomerReturn.State.DOWNLOADED);
            assertThat(r.servedPage()).isEqualTo("kr1-page");
            assertThat(r.downloadedAt()).isEqualTo(t0);
        });
        assertThat(returns.ready(1000)).extracting(CustomerReturn::associatedRef).doesNotContain(number + "-R1").contains(number + "-R2");
        assertThat(returns.downloaded("nobody-R1", "kr1-page", t0)).isFalse();
    }
}
