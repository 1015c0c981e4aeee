package com.shopkhaos.sandbox;

import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.model.privacy.ErasureRequest;
import com.shopkhaos.model.privacy.PersonalDataService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The PersonalDataFunction's part in the sandbox: the same retention sweep on a timer (daily unless
 * {@code SANDBOX_PERSONAL_DATA_SECONDS} says otherwise; 0 = only on request), and one customer's erasure on request
 * ({@code POST /sandbox/personal-data/erase}).
 */
@ApplicationScoped
public class SandboxPersonalData {
    private static final Logger LOG = Logger.getLogger(SandboxPersonalData.class);

    @Inject
    PersonalDataService personalData;

    @Inject
    SandboxConfig config;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent started) {
        long seconds = seconds();
        if (seconds <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "personal-data-sweep"));
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.warnf("personal data sweep failed, the next run tries again: %s", e.getClass().getSimpleName());
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public synchronized PersonalDataService.Result sweep() {
        return AwsCallRecorder.asFunction("PersonalDataFunction", personalData::sweep);
    }

    public synchronized PersonalDataService.Result erase(ErasureRequest request) {
        return AwsCallRecorder.asFunction("PersonalDataFunction", () -> personalData.erase(request));
    }

    public long seconds() {
        return config.personalData().seconds();
    }
}
