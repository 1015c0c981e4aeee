package com.shopkhaos.infra;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoExceptionLedger;
import com.shopkhaos.infra.dynamodb.DynamoOrderLedger;
import com.shopkhaos.infra.secrets.SecretsManagerShopRegistry;
import com.shopkhaos.infra.sqs.SqsOrderEventPublisher;
import java.time.Clock;
import java.util.Map;

/** The real adapters, wired by hand against the shared local cloud (the template's own tables and queues). */
public final class Adapters {
    public final LocalCloud cloud = SharedLocalCloud.get();
    public final Map<String, String> env = cloud.functionEnvironment("OrderIntakeFunction");
    public final DynamoOrderLedger ledger = new DynamoOrderLedger(cloud.dynamoDb(), env.get("ORDERS_TABLE"));
    public final DynamoExceptionLedger exceptions = new DynamoExceptionLedger(cloud.dynamoDb(), env.get("EXCEPTIONS_TABLE"));
    public final SqsOrderEventPublisher publisher = new SqsOrderEventPublisher(cloud.sqs(), env.get("ORDER_EVENTS_QUEUE_URL"));
    public final SecretsManagerShopRegistry shops;

    public Adapters(Clock clock) {
        shops = new SecretsManagerShopRegistry(cloud.secretsManager(), env.get("SHOP_SECRETS_PREFIX"), clock);
    }

    public Adapters() {
        this(Clock.systemUTC());
    }

    public String orderEventsQueue() {
        return env.get("ORDER_EVENTS_QUEUE_URL");
    }
}
