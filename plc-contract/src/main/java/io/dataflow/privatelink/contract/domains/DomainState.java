package io.dataflow.privatelink.contract.domains;

/**
 * The state of an attachment and of each of its domains. The API carries it as a plain string
 * ({@code Domain.state}); these are the values it takes.
 */
public enum DomainState {
    /** The private DNS zone and records are being made. */
    CREATING,
    /** Every name resolves to the connection's endpoint inside the platform's network. */
    ACTIVE,
    /** The cloud refused the zone or a record; {@code message} says why. */
    FAILED,
    /** Detach was asked for; records and zone are being removed. */
    DELETING;

    /**
     * The state an attachment shows once a worker's report is taken: a detach already asked for absorbs it
     * (as a deletion does for its connection: {@code ConnectionStateMachine.afterReport}).
     */
    public static DomainState afterReport(DomainState current, DomainState reported) {
        return current == DELETING ? DELETING : reported;
    }
}
