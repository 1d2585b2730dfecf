package io.dataflow.privatelink.worker.cloud;

import java.util.List;
import java.util.Optional;

/**
 * The private DNS of one cloud (AWS Route 53 private hosted zones, Alibaba Cloud PrivateZone), in the
 * same observe / create / delete shape as {@link EndpointCloud}, each call idempotent, so the domain
 * reconcile logic is shared by both workers and tested without the network.
 */
public interface DnsCloud {

    /** The endpoint's own DNS names, which attached names point at. */
    EndpointDns endpointDns(CloudLocation location, String endpointId);

    /** The zone this system made for the attachment, found by name and attachment id; empty when there is none. */
    Optional<String> findZone(ZoneSpec spec);

    /**
     * Creates the private zone bound to the platform's VPC and returns its id. Idempotent: the attachment
     * id is the cloud's idempotency token, and a repeat finds the zone the first call made.
     */
    String createZone(ZoneSpec spec);

    /** Makes each record exist with its target (created or corrected); records not listed are left alone. */
    void upsertRecords(ZoneSpec spec, String zoneId, List<DnsRecord> records);

    /** Removes the records this system made and then the zone; a zone that is already gone counts as deleted. */
    void deleteZone(ZoneSpec spec, String zoneId);
}
