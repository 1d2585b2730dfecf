package io.dataflow.privatelink.security;

import io.dataflow.privatelink.contract.auth.Caller;
import jakarta.enterprise.context.RequestScoped;

import java.time.Instant;

/** The verified caller of the current request (set by {@link AuthenticationFilter}). */
@RequestScoped
public class CurrentCaller {

    private VerifiedCaller verified;

    void set(VerifiedCaller verified) {
        this.verified = verified;
    }

    public Caller get() {
        if (verified == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return verified.caller();
    }

    public String subject() {
        return get().subject();
    }

    /** When the caller's token stops being good: streams opened in this request end then. */
    public Instant validUntil() {
        if (verified == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return verified.validUntil();
    }
}
