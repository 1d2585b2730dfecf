package io.dataflow.privatelink.contract.domains;

/** The API enum {@code PrivateLinkConnectionDomainType}: whose naming scheme the attached domains follow. */
public enum DomainType {
    /** Names under the platform's own base domain, with a unique name the server generates. */
    TIDBCLOUD_MANAGED,
    /** Confluent Dedicated clusters' names: the unique name is {@code <network-id>.<region>}. */
    CONFLUENT
}
