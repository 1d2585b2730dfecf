package io.dataflow.privatelink.contract.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Who is calling, from a verified bearer token: the subject (recorded as {@code createdBy}) and the
 * role it holds in each project it may see.
 */
public record Caller(String subject, Map<String, Role> projects) {

    public Caller {
        projects = Map.copyOf(projects);
    }

    public Optional<Role> roleIn(String projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }
}
