package io.dataflow.privatelink.security;

import io.dataflow.privatelink.contract.auth.Caller;

import java.time.Instant;

/**
 * A caller whose token was verified, and the moment the token stops being good (its expiry, or its issue
 * time plus the maximum age, whichever comes first): streams opened with it are closed then.
 */
public record VerifiedCaller(Caller caller, Instant validUntil) {
}
