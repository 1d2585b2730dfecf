package io.dataflow.privatelink.worker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * What a worker asks of its cloud, as both workers report it:
 * <ul>
 *   <li>{@code plc_cloud_calls_total{cloud, action, outcome}}: each call (its retries included) by API action,
 *       ending {@code OK} or with the cloud's error code;</li>
 *   <li>{@code plc_cloud_throttles_total{cloud, action}}: each attempt the cloud refused for its rate (the
 *       call may still succeed on a retry): above a handful per minute, the budgets are set too high;</li>
 *   <li>{@code plc_cloud_budget_wait_seconds{cloud, budget, outcome}}: how long a call waited for a token of
 *       the client-side budget, and whether it got one ({@code granted}) or went to a later pass
 *       ({@code spent}).</li>
 * </ul>
 */
@ApplicationScoped
public class CloudCallMetrics {

    public static final String OK = "OK";

    private final MeterRegistry registry;

    public CloudCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One call to the cloud, ended {@link #OK} or with the cloud's error code. */
    public void call(String cloud, String action, String outcome) {
        registry.counter("plc.cloud.calls", "cloud", cloud, "action", action == null ? "unknown" : action,
                "outcome", outcome == null ? "UNKNOWN" : outcome).increment();
    }

    /** One attempt the cloud refused for its rate. */
    public void throttled(String cloud, String action) {
        registry.counter("plc.cloud.throttles", "cloud", cloud, "action", action == null ? "unknown" : action)
                .increment();
    }

    /** A wait for a token of the client-side budget {@code budget}. */
    public void budgetWait(String cloud, String budget, Duration waited, boolean granted) {
        Timer.builder("plc.cloud.budget.wait").tag("cloud", cloud).tag("budget", budget)
                .tag("outcome", granted ? "granted" : "spent").register(registry).record(waited);
    }
}
