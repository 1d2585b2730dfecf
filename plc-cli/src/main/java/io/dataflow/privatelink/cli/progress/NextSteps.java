package io.dataflow.privatelink.cli.progress;

import io.dataflow.privatelink.cli.output.ConnectionTables;
import io.dataflow.privatelink.cli.output.Times;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.EndpointServiceNames;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** What the user has to do at their cloud for a connection to go on, with the exact CLI command. */
public final class NextSteps {

    private NextSteps() {
    }

    /** At PENDING_ACCEPTANCE: accept the endpoint in the service, as its owner. */
    public static Optional<String> forConnection(PrivateLinkConnection c) {
        if (c.state() == null || !c.state().name().equals("PENDING_ACCEPTANCE") || c.type() == null) {
            return Optional.empty();
        }
        String service = ConnectionTables.serviceName(c);
        String endpoint = ConnectionTables.endpointId(c);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        String region = EndpointServiceNames.regionOf(c.type(), service).orElse("<region>");
        String serviceId = service.substring(service.lastIndexOf('.') + 1);
        if (c.type() == ConnectionType.AWS_ENDPOINT_SERVICE) {
            return Optional.of("next: accept endpoint " + endpoint + " in your endpoint service " + serviceId
                    + " (AWS account that owns it):\n  aws ec2 accept-vpc-endpoint-connections --region " + region
                    + " --service-id " + serviceId + " --vpc-endpoint-ids " + endpoint);
        }
        return Optional.of("next: accept endpoint " + endpoint + " in your endpoint service " + serviceId
                + " (Alibaba Cloud account that owns it):\n  aliyun privatelink EnableVpcEndpointConnection --RegionId "
                + region + " --ServiceId " + serviceId + " --EndpointId " + endpoint);
    }

    /**
     * At PENDING_ACCEPTANCE with an acceptance deadline: by when the owner must accept, in local time and from
     * now ({@code the owner must accept before 2026-12-08 11:00 CET (in 6 days), or the endpoint is removed}).
     */
    public static Optional<String> acceptBy(PrivateLinkConnection c, Instant now, ZoneId zone) {
        if (c.state() == null || !c.state().name().equals("PENDING_ACCEPTANCE") || c.acceptanceDeadline() == null) {
            return Optional.empty();
        }
        return Optional.of("the owner must accept before " + Times.localAndRelative(c.acceptanceDeadline(), now, zone)
                + ", or the endpoint is removed");
    }

    /** What {@code zones} tells: whom to allow, and where the service must be. */
    public static String forZones(String accountId, List<String> platformZones, List<String> serviceZones) {
        StringBuilder text = new StringBuilder();
        text.append("Allow account ").append(accountId).append(" on your endpoint service:\n")
                .append("  AWS: add the principal arn:aws:iam::").append(accountId).append(":root to its allowed principals\n")
                .append("       (aws ec2 modify-vpc-endpoint-service-permissions --service-id <vpce-svc-…> --add-allowed-principals arn:aws:iam::")
                .append(accountId).append(":root)\n")
                .append("  Alibaba Cloud: add ").append(accountId).append(" to the service's whitelist\n")
                .append("       (aliyun privatelink AddUserToVpcEndpointService --ServiceId <epsrv-…> --UserId ")
                .append(accountId).append(")\n")
                .append("The cluster's zones: ").append(String.join(", ", platformZones)).append('\n');
        if (serviceZones.isEmpty()) {
            text.append("Your service needs a zone among them (pass --service-zones to check yours).");
        } else {
            List<String> overlap = serviceZones.stream().filter(platformZones::contains).toList();
            text.append(overlap.isEmpty()
                    ? "No zone of your service (" + String.join(", ", serviceZones) + ") is among them: a connection would fail."
                    : "Zones in common with your service: " + String.join(", ", overlap) + ".");
        }
        return text.toString();
    }
}
