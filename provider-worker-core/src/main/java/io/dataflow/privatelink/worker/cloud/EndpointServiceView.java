package io.dataflow.privatelink.worker.cloud;

import java.util.List;

/** An endpoint service as the platform account sees it. */
public record EndpointServiceView(String serviceName, String region, List<String> zoneIds,
                                  boolean acceptanceRequired) {
}
