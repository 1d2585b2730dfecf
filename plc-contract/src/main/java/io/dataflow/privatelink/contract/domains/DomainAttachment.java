package io.dataflow.privatelink.contract.domains;

import io.dataflow.privatelink.contract.Base32;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.Domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/**
 * One attachment of a unique name to a connection, as connection-service keeps it and domain-service
 * projects it: the plan (zone and records) and the state of each domain.
 *
 * @param domains one per record of the plan, in the plan's order, each with its own state and message
 */
public record DomainAttachment(
        String attachDomainId,
        String connectionId,
        String clusterId,
        ConnectionType connectionType,
        DomainType domainType,
        String uniqueName,
        String zoneName,
        List<DomainRecord> records,
        DomainState state,
        List<Domain> domains,
        String createdBy,
        Instant createTime,
        Instant updateTime) {

    public static final String ID_PREFIX = "plcd-";
    private static final SecureRandom RANDOM = new SecureRandom();

    public DomainAttachment {
        records = List.copyOf(records);
        domains = List.copyOf(domains);
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("plcd-[a-z2-7]{26}");

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String newId() {
        return ID_PREFIX + Base32.random128(RANDOM);
    }

    /** Every domain of the plan in one state (no message): how an attachment starts and how it is detached. */
    public static List<Domain> domainsIn(DomainPlan plan, DomainState state) {
        return plan.domainNames().stream().map(name -> new Domain(name, state.name(), null)).toList();
    }

    public DomainAttachment withState(DomainState newState, List<Domain> newDomains, Instant changeTime) {
        return new DomainAttachment(attachDomainId, connectionId, clusterId, connectionType, domainType, uniqueName,
                zoneName, records, newState, newDomains, createdBy, createTime, changeTime);
    }

    /** The same attachment with every domain marked {@code newState} (detach asked, connection deleting). */
    public DomainAttachment allIn(DomainState newState, Instant changeTime) {
        return withState(newState, domains.stream().map(d -> new Domain(d.name(), newState.name(), null)).toList(),
                changeTime);
    }

    public AttachDomain toApi() {
        return new AttachDomain(attachDomainId, clusterId, connectionId, domainType.name(), uniqueName, domains,
                createdBy, createTime);
    }
}
