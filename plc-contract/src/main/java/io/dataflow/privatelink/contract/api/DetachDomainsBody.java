package io.dataflow.privatelink.contract.api;

/** Body of {@code :detachDomains}: {@code {"attachDomainId": ...}}. */
public record DetachDomainsBody(String attachDomainId) {
}
