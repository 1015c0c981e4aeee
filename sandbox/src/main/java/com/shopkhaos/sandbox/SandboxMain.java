package com.shopkhaos.sandbox;

import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.emulator.LocalCloud;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Map;

/**
 * Starts the sandbox: the local cloud (emulators, tables, queues and secrets from template.yaml),
 * then every flow in this JVM with the environment the template gives the Lambdas.
 */
@QuarkusMain
public class SandboxMain {

    public static void main(String... args) {
        long started = System.nanoTime();
        SandboxSettings settings = SandboxSettings.fromEnvironment();
        LocalCloud cloud;
        try {
            cloud = LocalCloud.startFromRepository(Map.of("ShopwareAppSecret", settings.appSecret(),
                    "KhaosChannelCredentials", settings.khaosChannelSecretJson()));
        } catch (RuntimeException e) {
            System.err.println("The sandbox could not start its local cloud: " + e.getMessage());
            System.exit(2);
            return;
        }
        Thread cloudStop = new Thread(cloud::close, "sandbox-local-cloud-stop");
        Runtime.getRuntime().addShutdownHook(cloudStop);
        SandboxShutdown.localCloud = cloud;
        SandboxShutdown.beforeStartHook = cloudStop;
        if (SandboxSignals.interruptIgnored().orElse(false)) {
            System.err.println("Note: this process was started with Ctrl-C (SIGINT) ignored, as a script starting it in the "
                    + "background does, so Ctrl-C will not stop it; stop it with: kill " + ProcessHandle.current().pid());
        }
        cloud.allFunctionsEnvironment().forEach((name, value) -> System.setProperty(name, SandboxSettings.flowSetting(name, value)));
        cloud.clientConfiguration().forEach(System::setProperty);
        // the ops key is the sandbox's own (OPS_AUTH=key): AWS has none, its ops routes take the user pool's token
        String opsKey = cloud.putSecret("ops-api-key", settings.opsApiKey());
        System.setProperty("OPS_API_KEY_SECRET_ARN", opsKey);
        // reading it is the sandbox's, not the ops function's: not held against the role (AwsCallRecorder)
        System.setProperty(AwsCallRecorder.IGNORE_PROPERTY, "secret:" + opsKey);
        // every DynamoDB call answers the capacity it consumed, for the cost per order (GET /sandbox/aws-calls); a run
        // that does not price its calls can turn it off (the ITs but the load run do)
        System.setProperty(AwsCallRecorder.CAPACITY_PROPERTY, Boolean.toString(settings.dynamoDbCapacity()));
        System.setProperty("SANDBOX_PORT", Integer.toString(settings.port()));
        System.setProperty("SANDBOX_HOST", settings.host());
        SandboxApplication.localCloud = cloud;
        SandboxApplication.startedNanos = started;
        Quarkus.run(SandboxApplication.class, args);
    }
}
