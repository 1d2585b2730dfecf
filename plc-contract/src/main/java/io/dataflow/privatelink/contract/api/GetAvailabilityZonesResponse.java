package io.dataflow.privatelink.contract.api;

import java.util.List;

/** The platform account to allow-list and the cluster's zones, for the customer's endpoint service. */
public record GetAvailabilityZonesResponse(String accountId, List<String> azIds) {
}
