package io.dataflow.privatelink.security;

import io.dataflow.privatelink.contract.auth.Caller;
import io.dataflow.privatelink.contract.auth.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerClaimsTest {

    @Test
    void projectRolesAreReadAndAnUnknownRoleIsIgnoredNotFatal() {
        Map<String, Object> claims = Map.of("projects", Json.createObjectBuilder()
                .add("project-a", "editor").add("project-b", "VIEWER").add("project-c", "billing-admin").build());

        Caller caller = CallerClaims.of("alice", claims::get);

        assertEquals(Map.of("project-a", Role.EDITOR, "project-b", Role.VIEWER), caller.projects());
        assertEquals("alice", caller.subject());
    }

    @Test
    void scopesAreSpaceSeparatedAndNoProjectsIsNoRole() {
        Map<String, Object> claims = Map.of("scope", Json.createValue("openid privatelink.lookup-host"));

        Caller caller = CallerClaims.of("changefeed-service", claims::get);

        assertEquals(Set.of("openid", CallerClaims.LOOKUP_HOST_SCOPE), caller.scopes());
        assertTrue(caller.projects().isEmpty());
    }
}
