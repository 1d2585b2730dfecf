package io.dataflow.privatelink.contract.api;

/** Body of the create operation: {@code {"privateLinkConnection": {...}}}. */
public record CreatePrivateLinkConnectionBody(PrivateLinkConnection privateLinkConnection) {
}
