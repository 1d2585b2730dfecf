package io.dataflow.privatelink.security;

import io.dataflow.privatelink.contract.auth.Caller;
import io.dataflow.privatelink.contract.auth.Role;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place a verified token's claims become a {@link Caller}: {@code sub}; {@code projects}, an object
 * of project id → {@code viewer} | {@code editor} (a role this system does not know is ignored, not fatal:
 * an identity provider may grant roles for other products in the same claim); {@code scope}, the
 * space-separated OAuth scopes, of which {@link #LOOKUP_HOST_SCOPE} lets a dataflow service look up hosts
 * in any cluster.
 */
public final class CallerClaims {

    public static final String PROJECTS = "projects";
    public static final String SCOPE = "scope";
    /** The scope of service callers (changefeeds, migration jobs) that resolve a broker name to a connection. */
    public static final String LOOKUP_HOST_SCOPE = "privatelink.lookup-host";

    private CallerClaims() {
    }

    /** A caller from the claims a verifier accepted; {@code claim} reads one claim by name (null when absent). */
    public static Caller of(String subject, java.util.function.Function<String, Object> claim) {
        Map<String, Role> projects = new LinkedHashMap<>();
        Object raw = claim.apply(PROJECTS);
        if (raw instanceof JsonObject json) {
            json.forEach((project, role) -> role(role).ifPresent(r -> projects.put(project, r)));
        } else if (raw instanceof Map<?, ?> map) {
            map.forEach((project, role) -> role(role).ifPresent(r -> projects.put(String.valueOf(project), r)));
        }
        Object scope = claim.apply(SCOPE);
        String scopes = scope instanceof JsonString s ? s.getString() : scope == null ? "" : String.valueOf(scope);
        Set<String> scopeSet = Arrays.stream(scopes.trim().split("\\s+")).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new Caller(subject, projects, scopeSet);
    }

    private static Optional<Role> role(Object value) {
        String text = value instanceof JsonString s ? s.getString()
                : value instanceof JsonValue v ? v.toString() : String.valueOf(value);
        try {
            return Optional.of(Role.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
