package io.dataflow.privatelink.contract.api;

/**
 * Body of the update operation (additive: PATCH of one connection), TiDB Cloud's partial-update shape:
 * {@code {"privateLinkConnection": {"displayName": ...}, "updateMask": "displayName"}}. Only the fields the mask
 * names change; {@code displayName} is the only one that can.
 */
public record UpdatePrivateLinkConnectionBody(PrivateLinkConnection privateLinkConnection, String updateMask) {
}
