package io.dataflow.privatelink.worker.cloud;

import java.util.Map;

/**
 * An endpoint's DNS names: the regional one (answers with the endpoint's addresses in every zone) and
 * one per availability zone id (only that zone's address).
 */
public record EndpointDns(String regional, Map<String, String> zonalByAzId) {

    public EndpointDns {
        zonalByAzId = Map.copyOf(zonalByAzId);
    }
}
