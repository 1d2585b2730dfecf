package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.service.CreateConnectionValidator;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.EndpointServiceNames;
import io.dataflow.privatelink.contract.domains.DomainNames;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the console needs before sign-in: the name rules the API checks, as patterns, so the page checks
 * input with the very same rules instead of a copy of them.
 */
@Path("/console/settings")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleSettingsResource {

    /** A rule: a whole-value regular expression and a valid example. */
    public record NameRule(String pattern, String example) {
    }

    public record ConsoleSettings(int displayNameMaxLength, Map<ConnectionType, NameRule> endpointServiceNames,
                                  NameRule confluentUniqueName) {
    }

    private static final ConsoleSettings SETTINGS = settings();

    @GET
    public ConsoleSettings get() {
        return SETTINGS;
    }

    private static ConsoleSettings settings() {
        Map<ConnectionType, NameRule> services = new LinkedHashMap<>();
        for (ConnectionType type : ConnectionType.values()) {
            services.put(type, new NameRule(EndpointServiceNames.pattern(type), EndpointServiceNames.example(type)));
        }
        return new ConsoleSettings(CreateConnectionValidator.MAX_DISPLAY_NAME, services, new NameRule(DomainNames.confluentPattern(), DomainNames.CONFLUENT_EXAMPLE));
    }
}
