package io.dataflow.privatelink.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The API's {@code AwsEndpointService}; {@code endpointId} and zones are filled in once the endpoint exists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AwsEndpointService(String name, String region, String endpointId, List<String> availabilityZoneIds) {
}
