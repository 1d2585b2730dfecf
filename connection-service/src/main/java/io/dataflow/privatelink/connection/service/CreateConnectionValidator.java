package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.EndpointServiceNames;
import io.dataflow.privatelink.contract.api.CreatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ControlCharacters;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a create request against everything known without a cloud call: body shape, display name,
 * type against the cluster's provider, and the endpoint service name's format and region.
 * The checks that need the cloud (allow-listing, zones) run in the worker before it creates anything.
 */
@ApplicationScoped
public class CreateConnectionValidator {

    public static final int MAX_DISPLAY_NAME = 64;

    /** The validated request: what the service stores and emits. */
    public record ValidCreate(String displayName, ConnectionType type, String serviceName, String serviceRegion) {
    }

    public ValidCreate validate(ClusterPlacement cluster, CreatePrivateLinkConnectionBody body) {
        if (body == null || body.privateLinkConnection() == null) {
            throw ApiException.invalidArgument(
                    "The request body must be {\"privateLinkConnection\": {\"displayName\": ..., \"type\": ..., ...}}.");
        }
        PrivateLinkConnection requested = body.privateLinkConnection();
        String displayName = validDisplayName(requested.displayName());
        ConnectionType type = requested.type();
        ConnectionType clusterType = ConnectionType.of(cluster.provider());
        if (type == null) {
            throw ApiException.invalidArgument("privateLinkConnection.type is required; for this cluster use "
                    + clusterType + ".");
        }
        if (type != clusterType) {
            throw ApiException.invalidArgument("privateLinkConnection.type " + type + " does not match cluster "
                    + cluster.clusterId() + ", which runs on " + cluster.provider() + ": use " + clusterType + ".");
        }
        return type == ConnectionType.AWS_ENDPOINT_SERVICE ? validAws(cluster, displayName, requested)
                : validAlicloud(cluster, displayName, requested);
    }

    /** The display-name rule, the same for a create and a rename: 1 to 64 characters once trimmed, no control characters. */
    static String validDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw ApiException.invalidArgument("privateLinkConnection.displayName is required.");
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME) {
            throw ApiException.invalidArgument("privateLinkConnection.displayName must be at most "
                    + MAX_DISPLAY_NAME + " characters; it has " + trimmed.length() + ".");
        }
        if (ControlCharacters.in(trimmed)) {
            throw ApiException.invalidArgument("privateLinkConnection.displayName must not contain control characters.");
        }
        return trimmed;
    }

    private static ValidCreate validAws(ClusterPlacement cluster, String displayName, PrivateLinkConnection requested) {
        if (requested.alicloudEndpointService() != null) {
            throw ApiException.invalidArgument(
                    "alicloudEndpointService does not apply to AWS_ENDPOINT_SERVICE; give awsEndpointService only.");
        }
        if (requested.awsEndpointService() == null || requested.awsEndpointService().name() == null
                || requested.awsEndpointService().name().isBlank()) {
            throw ApiException.invalidArgument("privateLinkConnection.awsEndpointService.name is required, e.g. "
                    + EndpointServiceNames.AWS_EXAMPLE + ".");
        }
        String name = requested.awsEndpointService().name().strip();
        String nameRegion = EndpointServiceNames.regionOf(ConnectionType.AWS_ENDPOINT_SERVICE, name)
                .orElseThrow(() -> ApiException.invalidArgument("awsEndpointService.name '" + name
                        + "' is not an AWS endpoint service name; expected com.amazonaws.vpce.<region>.vpce-svc-<17 hex"
                        + " digits>, e.g. " + EndpointServiceNames.AWS_EXAMPLE + "."));
        String region = requested.awsEndpointService().region();
        if (region == null || region.isBlank()) {
            region = cluster.region();
        } else if (!EndpointServiceNames.isAwsRegion(region.strip())) {
            throw ApiException.invalidArgument("awsEndpointService.region '" + region
                    + "' is not an AWS region code such as us-east-1.");
        } else {
            region = region.strip();
        }
        if (!region.equals(nameRegion)) {
            throw ApiException.invalidArgument("awsEndpointService.name is in region " + nameRegion
                    + " but the connection targets region " + region
                    + (requested.awsEndpointService().region() == null ? " (the cluster's region)" : "")
                    + ". Set awsEndpointService.region to " + nameRegion + " or use a service in " + region + ".");
        }
        return new ValidCreate(displayName, ConnectionType.AWS_ENDPOINT_SERVICE, name, region);
    }

    private static ValidCreate validAlicloud(ClusterPlacement cluster, String displayName, PrivateLinkConnection requested) {
        if (requested.awsEndpointService() != null) {
            throw ApiException.invalidArgument(
                    "awsEndpointService does not apply to ALICLOUD_ENDPOINT_SERVICE; give alicloudEndpointService only.");
        }
        if (requested.alicloudEndpointService() == null || requested.alicloudEndpointService().name() == null
                || requested.alicloudEndpointService().name().isBlank()) {
            throw ApiException.invalidArgument("privateLinkConnection.alicloudEndpointService.name is required, e.g. "
                    + EndpointServiceNames.ALICLOUD_EXAMPLE + ".");
        }
        String name = requested.alicloudEndpointService().name().strip();
        String nameRegion = EndpointServiceNames.regionOf(ConnectionType.ALICLOUD_ENDPOINT_SERVICE, name)
                .orElseThrow(() -> ApiException.invalidArgument("alicloudEndpointService.name '" + name
                        + "' is not an Alibaba Cloud endpoint service name; expected"
                        + " com.aliyuncs.privatelink.<region>.epsrv-<id>, e.g. "
                        + EndpointServiceNames.ALICLOUD_EXAMPLE + "."));
        if (!nameRegion.equals(cluster.region())) {
            throw ApiException.invalidArgument("alicloudEndpointService.name is in region " + nameRegion
                    + " but cluster " + cluster.clusterId() + " is in " + cluster.region()
                    + ": use an endpoint service in " + cluster.region() + ".");
        }
        return new ValidCreate(displayName, ConnectionType.ALICLOUD_ENDPOINT_SERVICE, name, nameRegion);
    }
}
