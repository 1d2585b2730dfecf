package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The API's {@code AlicloudEndpointService}; {@code endpointId} and zones are filled in once the endpoint exists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlicloudEndpointService(String name, String endpointId, List<String> availabilityZoneIds) {
}
