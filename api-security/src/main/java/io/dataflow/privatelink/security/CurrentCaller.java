package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.contract.auth.Caller;
import jakarta.enterprise.context.RequestScoped;

/** The verified caller of the current request (set by {@link AuthenticationFilter}). */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return caller;
    }

    public String subject() {
        return get().subject();
    }
}
