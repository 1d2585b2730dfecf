package io.dataflow.privatelink.worker.cloud;

/**
 * A private zone for one attachment: its name, and the platform network it is visible in (its account and
 * region, and the VPC).
 *
 * @param attachDomainId the attachment; the zone's idempotency token, and with the deployment's identity its
 *                       marker ({@link io.dataflow.privatelink.worker.ownership.DeploymentIdentity#zoneMarker})
 */
public record ZoneSpec(String attachDomainId, String zoneName, CloudLocation location, String vpcId) {

    public String region() {
        return location.region();
    }
}
