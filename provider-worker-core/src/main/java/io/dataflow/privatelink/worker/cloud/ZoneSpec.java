package io.dataflow.privatelink.worker.cloud;

/**
 * A private zone for one attachment: its name, and the platform network it is visible in.
 *
 * @param attachDomainId the attachment; the zone's idempotency token and marker
 */
public record ZoneSpec(String attachDomainId, String zoneName, String region, String vpcId) {

    /** Written into the zone's comment (Route 53) or remark (PrivateZone): marks it as this system's. */
    public String marker() {
        return EndpointCloud.CONNECTION_TAG.replace("connection-id", "attach-domain-id") + "=" + attachDomainId;
    }
}
