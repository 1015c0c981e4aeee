package com.shopkhaos.sandbox;

import com.shopkhaos.emulator.LocalCloud;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Stops the local cloud (SQS, DynamoDB, Secrets Manager emulators) after the flows, not beside them. Until the
 * application is up a JVM shutdown hook closes it; once up, the hook is taken away (a JVM runs every hook at once,
 * so it would close the emulators while Quarkus is still stopping the pollers that use them) and the cloud is
 * closed by the last of the shutdown observers, after the pollers have stopped.
 */
@Singleton
public class SandboxShutdown {
    static volatile LocalCloud localCloud;
    static volatile Thread beforeStartHook;

    /** Whether the hook was taken away, so the cloud is closed here. */
    private volatile boolean closeHere;

    void started(@Observes StartupEvent event) {
        Thread hook = beforeStartHook;
        if (hook != null && localCloud != null) {
            try {
                closeHere = Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already stopping: the hook closes it
            }
        }
    }

    /** Runs after the other shutdown observers (a larger priority runs later), so after the pollers stopped. */
    void stopping(@Observes @Priority(10_000) ShutdownEvent event) {
        if (closeHere) {
            localCloud.close();
        }
    }
}
