package io.dataflow.privatelink.contract.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from a verified bearer token: the subject (recorded as {@code createdBy}), the role it
 * holds in each project it may see, and its OAuth scopes (service callers).
 */
public record Caller(String subject, Map<String, Role> projects, Set<String> scopes) {

    public Caller {
        projects = Map.copyOf(projects);
        scopes = Set.copyOf(scopes);
    }

    public Caller(String subject, Map<String, Role> projects) {
        this(subject, projects, Set.of());
    }

    public Optional<Role> roleIn(String projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
