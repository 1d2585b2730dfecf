package io.dataflow.privatelink.worker.pass;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.Set;

/** This module as a worker of no provider: the scripted cloud and DNS in place of an SDK adapter. */
public class ScriptedCloudProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ScriptedCloud.class, ScriptedDns.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // the database and Kafka are InfraTestResource's (a profile's overrides would outrank them)
        return Map.of("quarkus.application.name", "provider-worker-core-test");
    }
}
