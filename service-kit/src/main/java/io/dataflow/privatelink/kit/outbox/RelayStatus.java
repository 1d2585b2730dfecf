package io.dataflow.privatelink.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** How the relay is doing, for its health check: since when it has been failing, and what it parked. */
@ApplicationScoped
public class RelayStatus {

    private volatile Instant failingSince;
    private volatile String lastFailure;
    private volatile Instant lastSuccess;
    private volatile String lastParkReason;

    void succeeded(Instant now) {
        lastSuccess = now;
        failingSince = null;
    }

    void failed(Instant now, Throwable failure) {
        if (failingSince == null) {
            failingSince = now;
        }
        lastFailure = failure.toString();
    }

    void parked(String reason) {
        lastParkReason = reason;
    }

    /** When the current run of failed attempts began; null while attempts succeed. */
    public Instant failingSince() {
        return failingSince;
    }

    public String lastFailure() {
        return lastFailure;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastParkReason() {
        return lastParkReason;
    }
}
