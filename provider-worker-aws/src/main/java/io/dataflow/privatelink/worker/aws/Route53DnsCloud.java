package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.cloud.DnsRecord;
import io.dataflow.privatelink.worker.cloud.EndpointDns;
import io.dataflow.privatelink.worker.cloud.ZoneSpec;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.VPCRegion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DnsCloud} on Route 53 private hosted zones. A zone is created with the attachment id as its
 * {@code CallerReference} (Route 53 refuses a second zone with the same reference) and this deployment's
 * marker as comment, and found again by name, reference and marker, so a crash never leaves two and
 * another deployment's zone is never taken for ours. Records are CNAMEs written with UPSERT (idempotent);
 * a change counts as done once Route 53 reports it {@code INSYNC}. A pass never waits for that: a change
 * still PENDING answers {@code ChangePending} (this attachment backs off, the others go on) and is looked
 * up again, not submitted again, on the next attempt.
 */
@ApplicationScoped
public class Route53DnsCloud implements DnsCloud {

    /** Short: a record changed at detach or re-attach is seen quickly by the brokers' clients. */
    static final long RECORD_TTL_SECONDS = 60;

    private final AwsClients clients;
    private final AwsCalls calls;
    /** What a submitted change did ("zone|UPSERT|records") → its change id, until it is seen INSYNC. */
    private final Map<String, String> pendingChanges = new ConcurrentHashMap<>();
    private final AccountZones accountZones;
    private final DeploymentIdentity deployment;

    Route53DnsCloud(AwsClients clients, AwsCalls calls, AccountZones accountZones, DeploymentIdentity deployment) {
        this.clients = clients;
        this.calls = calls;
        this.accountZones = accountZones;
        this.deployment = deployment;
    }

    /**
     * EC2 lists the regional name first, then one per zone whose first label ends with the zone's
     * name ({@code vpce-…-us-east-1a.vpce-svc-…}); zone names are mapped to the ids the plan uses.
     */
    @Override
    public EndpointDns endpointDns(CloudLocation location, String endpointId) {
        Ec2Client ec2 = clients.ec2(location);
        VpcEndpoint endpoint = calls.call(() -> ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)))
                .vpcEndpoints().stream().findFirst()
                .orElseThrow(() -> new CloudException("InvalidVpcEndpointId.NotFound", "The endpoint " + endpointId
                        + " does not exist.", false, null));
        Map<String, String> zoneIds = accountZones.idsByName(location);
        String regional = null;
        Map<String, String> zonal = new HashMap<>();
        for (DnsEntry entry : endpoint.dnsEntries()) {
            String name = trimDot(entry.dnsName());
            String firstLabel = name.substring(0, Math.max(name.indexOf('.'), 0));
            Optional<Map.Entry<String, String>> zone = zoneIds.entrySet().stream()
                    .filter(z -> firstLabel.endsWith("-" + z.getKey())).findFirst();
            if (zone.isPresent()) {
                zonal.put(zone.get().getValue(), name);
            } else if (regional == null) {
                regional = name;
            }
        }
        if (regional == null) {
            throw new CloudException("NoDnsEntries", "The endpoint " + endpointId + " has no DNS names yet.", true,
                    null);
        }
        return new EndpointDns(regional, zonal);
    }

    @Override
    public Optional<String> findZone(ZoneSpec spec) {
        Route53Client route53 = clients.route53(spec.location().accountId());
        String wanted = absolute(spec.zoneName());
        String startName = wanted;
        String startId = null;
        while (true) {
            String name = startName;
            String id = startId;
            ListHostedZonesByNameResponse page = calls.call(() -> route53.listHostedZonesByName(r -> r
                    .dnsName(name).hostedZoneId(id).maxItems("100")));
            for (HostedZone zone : page.hostedZones()) {
                if (!absolute(zone.name()).equals(wanted)) {
                    return Optional.empty();  // sorted by name: past the wanted one
                }
                if (spec.attachDomainId().equals(zone.callerReference()) && zone.config() != null
                        && deployment.zoneMarker(spec.attachDomainId()).equals(zone.config().comment())) {
                    return Optional.of(bareId(zone.id()));
                }
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return Optional.empty();
            }
            startName = page.nextDNSName();
            startId = page.nextHostedZoneId();
        }
    }

    @Override
    public String createZone(ZoneSpec spec) {
        Route53Client route53 = clients.route53(spec.location().accountId());
        try {
            HostedZone zone = calls.call(() -> route53.createHostedZone(r -> r
                    .name(spec.zoneName())
                    .callerReference(spec.attachDomainId())
                    .hostedZoneConfig(c -> c.privateZone(true).comment(deployment.zoneMarker(spec.attachDomainId())))
                    .vpc(v -> v.vpcId(spec.vpcId()).vpcRegion(VPCRegion.fromValue(spec.region()))))).hostedZone();
            return bareId(zone.id());
        } catch (CloudException e) {
            if ("HostedZoneAlreadyExists".equals(e.errorCode())) {
                // An earlier attempt's create went through (the reference is ours): that zone is the one. If the
                // zone with this reference carries another deployment's marker (a database restored from another
                // deployment's backup), it is never taken for ours.
                return findZone(spec).orElseThrow(() -> new CloudException(e.errorCode(), "A private hosted zone "
                        + "made for attachment " + spec.attachDomainId() + " exists in the platform account but "
                        + "belongs to another deployment of this system; it is left alone. Detach and attach again.",
                        false, e));
            }
            if ("ConflictingDomainExists".equals(e.errorCode())) {
                throw new CloudException(e.errorCode(), "Another private hosted zone for " + spec.zoneName()
                        + " (or a name overlapping it) is already associated with the platform VPC " + spec.vpcId()
                        + " in " + spec.region() + ", so this one would never be answered. Remove that zone, or "
                        + "detach and attach again with another unique name. Route 53 said: " + e.getMessage(),
                        false, e);
            }
            throw e;
        }
    }

    @Override
    public void upsertRecords(ZoneSpec spec, String zoneId, List<DnsRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Change> changes = records.stream().map(r -> Change.builder().action(ChangeAction.UPSERT)
                .resourceRecordSet(cname(r.name(), r.target())).build()).toList();
        Route53Client route53 = clients.route53(spec.location().accountId());
        submitOnce(route53, zoneId + "|UPSERT|" + records, () -> calls.call(() -> route53.changeResourceRecordSets(
                r -> r.hostedZoneId(zoneId).changeBatch(b -> b.comment(deployment.zoneMarker(spec.attachDomainId())).changes(changes)))).changeInfo());
    }

    @Override
    public void deleteZone(ZoneSpec spec, String zoneId) {
        Route53Client route53 = clients.route53(spec.location().accountId());
        try {
            List<Change> deletions = new ArrayList<>();
            for (ResourceRecordSet set : recordSets(route53, zoneId)) {
                if (set.type() != RRType.SOA && set.type() != RRType.NS) {
                    deletions.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(set).build());
                }
            }
            String key = zoneId + "|DELETE";
            if (!deletions.isEmpty() || pendingChanges.containsKey(key)) {
                submitOnce(route53, key, () -> calls.call(() -> route53.changeResourceRecordSets(r -> r
                        .hostedZoneId(zoneId).changeBatch(b -> b.comment(deployment.zoneMarker(spec.attachDomainId())).changes(deletions))))
                        .changeInfo());
            }
            calls.call(() -> route53.deleteHostedZone(r -> r.id(zoneId)));
        } catch (CloudException e) {
            if (!"NoSuchHostedZone".equals(e.errorCode())) {
                throw e;
            }
        }
    }

    private List<ResourceRecordSet> recordSets(Route53Client route53, String zoneId) {
        List<ResourceRecordSet> sets = new ArrayList<>();
        String startName = null;
        RRType startType = null;
        while (true) {
            String name = startName;
            RRType type = startType;
            ListResourceRecordSetsResponse page = calls.call(() -> route53.listResourceRecordSets(r -> r
                    .hostedZoneId(zoneId).startRecordName(name).startRecordType(type)));
            sets.addAll(page.resourceRecordSets());
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return sets;
            }
            startName = page.nextRecordName();
            startType = page.nextRecordType();
        }
    }

    /**
     * Submits a change once and returns when Route 53 reports it INSYNC; until then each call looks up the
     * change submitted before (GetChange) instead of submitting another, and answers a retryable
     * {@code ChangePending}. Route 53 applies a change everywhere within a minute or so; until then names
     * may not resolve yet, so the attachment is not ACTIVE before.
     */
    private void submitOnce(Route53Client route53, String key, java.util.function.Supplier<ChangeInfo> submit) {
        String pending = pendingChanges.get(key);
        ChangeInfo change = pending != null
                ? calls.call(() -> route53.getChange(r -> r.id(pending))).changeInfo()
                : submit.get();
        if (change.status() == ChangeStatus.INSYNC) {
            pendingChanges.remove(key);
            return;
        }
        pendingChanges.put(key, change.id());
        throw new CloudException("ChangePending", "Route 53 change " + change.id() + " is not INSYNC yet; it is "
                + "looked up again on the next attempt", true, null);
    }

    private static ResourceRecordSet cname(String name, String target) {
        return ResourceRecordSet.builder().name(name).type(RRType.CNAME).ttl(RECORD_TTL_SECONDS)
                .resourceRecords(ResourceRecord.builder().value(target).build()).build();
    }

    private static String bareId(String id) {
        return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
    }

    private static String absolute(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
