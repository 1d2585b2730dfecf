package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainRecord;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.cloud.DnsRecord;
import io.dataflow.privatelink.worker.cloud.EndpointDns;
import io.dataflow.privatelink.worker.cloud.ZoneSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The domain reconcile logic both workers share, written against {@link DnsCloud} only.
 * <ul>
 *   <li>{@link #attach}: find the attachment's zone by its id before creating one (a crash after the
 *       create call must not make a second zone), then point every record at the endpoint's DNS name.</li>
 *   <li>{@link #detach}: remove the records and the zone; one that never existed or is gone counts as done.</li>
 * </ul>
 */
public class DomainReconciler {

    private final DnsCloud cloud;

    public DomainReconciler(DnsCloud cloud) {
        this.cloud = cloud;
    }

    /** For an attachment still CREATING, once its connection's endpoint exists. */
    public DomainOutcome attach(ManagedDomain d, ManagedEndpoint endpoint) {
        if (endpoint == null || endpoint.endpointId() == null) {
            return DomainOutcome.none(d);
        }
        if (endpoint.state() == ConnectionState.FAILED) {
            return failed(d, d.zoneId(), "Connection " + d.connectionId() + " has FAILED, so its domains "
                    + "cannot point at an endpoint: " + endpoint.message());
        }
        ZoneSpec spec = d.zone();
        String zoneId = d.zoneId();
        try {
            if (zoneId == null) {
                zoneId = cloud.findZone(spec).orElse(null);
            }
            if (zoneId == null) {
                zoneId = cloud.createZone(spec);
            }
            EndpointDns dns = cloud.endpointDns(endpoint.location(), endpoint.endpointId());
            List<DnsRecord> records = new ArrayList<>();
            List<Domain> domains = new ArrayList<>();
            for (DomainRecord record : d.request().records()) {
                String target = record.target().regional() ? dns.regional()
                        : dns.zonalByAzId().get(record.target().azId());
                if (target == null) {
                    domains.add(new Domain(record.name(), DomainState.FAILED.name(), "The endpoint "
                            + endpoint.endpointId() + " has no DNS name in zone " + record.target().azId() + "."));
                } else {
                    records.add(new DnsRecord(record.name(), target));
                    domains.add(new Domain(record.name(), DomainState.ACTIVE.name(), null));
                }
            }
            cloud.upsertRecords(spec, zoneId, records);
            boolean allActive = records.size() == domains.size();
            return DomainOutcome.transition(d, allActive ? DomainState.ACTIVE : DomainState.FAILED, domains, zoneId);
        } catch (CloudException e) {
            if (e.retryable()) {
                // A zone made in this pass is found again next pass by its attachment id.
                return DomainOutcome.retryLater(d, e);
            }
            return failed(d, zoneId, "The cloud refused the private DNS zone " + spec.zoneName() + " ("
                    + e.errorCode() + "): " + e.getMessage());
        }
    }

    /** For an attachment being detached, on its own or because its connection is being deleted. */
    public DomainOutcome detach(ManagedDomain d) {
        try {
            String zoneId = d.zoneId() != null ? d.zoneId() : cloud.findZone(d.zone()).orElse(null);
            if (zoneId != null) {
                cloud.deleteZone(d.zone(), zoneId);
            }
            return DomainOutcome.removed(d);
        } catch (CloudException e) {
            // Removal must finish eventually, whatever the error: never given up, but this one backs off on
            // its own (ReconcileQueue) and the others go on; a cloud-wide failure stops the pass.
            return DomainOutcome.retryLater(d, e);
        }
    }

    private static DomainOutcome failed(ManagedDomain d, String zoneId, String message) {
        List<Domain> domains = d.request().records().stream()
                .map(r -> new Domain(r.name(), DomainState.FAILED.name(), message)).toList();
        return DomainOutcome.transition(d, DomainState.FAILED, domains, zoneId);
    }
}
