package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainState;

import java.util.List;

/**
 * What one reconcile step decided for one attachment; like {@link Outcome}, a transition or a removal is
 * recorded and announced together, and {@code RETRY_LATER} changes nothing.
 */
public record DomainOutcome(Outcome.Kind kind, ManagedDomain domain, DomainState state, List<Domain> domains,
                            String zoneId, String reason) {

    public static DomainOutcome none(ManagedDomain d) {
        return new DomainOutcome(Outcome.Kind.NONE, d, d.state(), d.domains(), d.zoneId(), null);
    }

    public static DomainOutcome retryLater(ManagedDomain d, String why) {
        return new DomainOutcome(Outcome.Kind.RETRY_LATER, d, d.state(), d.domains(), d.zoneId(), why);
    }

    /** RETRY_LATER or CLOUD_BUSY, as the failure says. */
    public static DomainOutcome retryLater(ManagedDomain d, io.dataflow.privatelink.worker.cloud.CloudException e) {
        return new DomainOutcome(e.cloudWide() ? Outcome.Kind.CLOUD_BUSY : Outcome.Kind.RETRY_LATER, d, d.state(),
                d.domains(), d.zoneId(), e.errorCode() + ": " + e.getMessage());
    }

    public static DomainOutcome transition(ManagedDomain d, DomainState state, List<Domain> domains, String zoneId) {
        return new DomainOutcome(Outcome.Kind.TRANSITION, d, state, domains, zoneId, null);
    }

    public static DomainOutcome removed(ManagedDomain d) {
        return new DomainOutcome(Outcome.Kind.REMOVED, d, DomainState.DELETING, d.domains(), d.zoneId(), null);
    }
}
