package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AttachDomainsBody;
import io.dataflow.privatelink.contract.domains.BaseDomains;
import io.dataflow.privatelink.contract.domains.DomainNames;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.kit.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Locale;

/**
 * Checks an attach request against the domain rules (DESIGN section 5): which domain types a connection
 * of each provider supports, the unique name's format, the Confluent region, and the connection's state.
 * Input errors are reported before the state, so a caller fixes their request first.
 */
@ApplicationScoped
public class AttachDomainValidator {

    /** A checked request; {@code uniqueName} is the generated one when a dry run gave none. */
    public record ValidAttach(DomainType type, String uniqueName, DomainPlan plan, boolean dryRun) {
    }

    private final BaseDomains bases;

    @Inject
    AttachDomainValidator(ConnectionServiceConfig config) {
        this(new BaseDomains(config.domains().managedBaseDomain(), config.domains().confluentBaseDomain()));
    }

    AttachDomainValidator(BaseDomains bases) {
        this.bases = bases;
    }

    public ValidAttach validate(ConnectionSnapshot connection, AttachDomainsBody body) {
        if (body == null || body.attachDomain() == null) {
            throw ApiException.invalidArgument("The request body must be {\"attachDomain\": {\"type\": ..., "
                    + "\"uniqueName\": ...}, \"validateOnly\": ...}.");
        }
        AttachDomain requested = body.attachDomain();
        DomainType type = domainType(connection.type(), requested.type());
        String uniqueName = requested.uniqueName() == null ? "" : requested.uniqueName().strip();
        if (type == DomainType.TIDBCLOUD_MANAGED) {
            uniqueName = managedUniqueName(uniqueName, body.dryRun());
        } else {
            checkConfluentName(connection, uniqueName);
        }
        if (connection.state() != ConnectionState.PENDING_ACCEPTANCE && connection.state() != ConnectionState.ACTIVE) {
            throw ApiException.failedPrecondition("Domains can be attached only to a connection in state "
                    + "PENDING_ACCEPTANCE or ACTIVE (its endpoint must exist); connection "
                    + connection.connectionId() + " is " + connection.state() + "."
                    + (connection.state() == ConnectionState.CREATING ? " Retry once its endpoint is created." : ""));
        }
        return new ValidAttach(type, uniqueName,
                DomainPlan.of(connection.type(), type, uniqueName, connection.azIds(), bases), body.dryRun());
    }

    private static DomainType domainType(ConnectionType connectionType, String value) {
        String supported = supportedTypes(connectionType);
        if (value == null || value.isBlank()) {
            throw ApiException.invalidArgument("attachDomain.type is required; " + connectionType
                    + " connections support " + supported + ".");
        }
        DomainType type = Arrays.stream(DomainType.values())
                .filter(t -> t.name().equals(value.strip().toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ApiException.invalidArgument("attachDomain.type '" + value
                        + "' is not a domain type; " + connectionType + " connections support " + supported + "."));
        if (!DomainPlan.supports(connectionType, type)) {
            throw ApiException.invalidArgument(type + " domains cannot be attached to " + connectionType
                    + " connections; they support " + supported + ".");
        }
        return type;
    }

    private static String supportedTypes(ConnectionType connectionType) {
        return String.join(" and ", Arrays.stream(DomainType.values())
                .filter(t -> DomainPlan.supports(connectionType, t)).map(Enum::name).toList());
    }

    private static String managedUniqueName(String uniqueName, boolean dryRun) {
        if (uniqueName.isEmpty()) {
            if (dryRun) {
                return DomainNames.newManagedUniqueName();
            }
            throw ApiException.invalidArgument("attachDomain.uniqueName is required to attach TIDBCLOUD_MANAGED "
                    + "domains: call with validateOnly=true and no uniqueName to get a generated one, then attach "
                    + "with it.");
        }
        if (!DomainNames.isManagedUniqueName(uniqueName)) {
            throw ApiException.invalidArgument("attachDomain.uniqueName '" + uniqueName + "' is not a "
                    + "TIDBCLOUD_MANAGED unique name: it must be the 26 lowercase base32 characters (a-z, 2-7) "
                    + "that a validateOnly call generates.");
        }
        return uniqueName;
    }

    private static void checkConfluentName(ConnectionSnapshot connection, String uniqueName) {
        if (uniqueName.isEmpty()) {
            throw ApiException.invalidArgument("attachDomain.uniqueName is required for CONFLUENT domains: "
                    + "<network-id>.<region> from the Confluent Dedicated cluster's DNS subdomain, e.g. "
                    + DomainNames.CONFLUENT_EXAMPLE + ".");
        }
        String region = DomainNames.confluentRegion(uniqueName)
                .orElseThrow(() -> ApiException.invalidArgument("attachDomain.uniqueName '" + uniqueName
                        + "' is not a Confluent name: expected <network-id>.<region> in lowercase, e.g. "
                        + DomainNames.CONFLUENT_EXAMPLE + "."));
        if (!region.equals(connection.serviceRegion())) {
            throw ApiException.invalidArgument("attachDomain.uniqueName '" + uniqueName + "' is in region "
                    + region + ", but connection " + connection.connectionId() + " reaches a service in "
                    + connection.serviceRegion() + ": attach the Confluent network of that region.");
        }
    }
}
