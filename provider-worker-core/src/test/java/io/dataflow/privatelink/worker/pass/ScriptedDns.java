package io.dataflow.privatelink.worker.pass;

import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.cloud.DnsRecord;
import io.dataflow.privatelink.worker.cloud.EndpointDns;
import io.dataflow.privatelink.worker.cloud.ZoneSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.Optional;

/**
 * The DNS of {@link ReconcilePassTest}, which attaches no domains: any call but a look-up is a surprise. An
 * alternative only {@link ScriptedCloudProfile} selects.
 */
@Alternative
@ApplicationScoped
public class ScriptedDns implements DnsCloud {

    @Override
    public EndpointDns endpointDns(CloudLocation location, String endpointId) {
        throw new UnsupportedOperationException("no domains in this test");
    }

    @Override
    public Optional<String> findZone(ZoneSpec spec) {
        return Optional.empty();
    }

    @Override
    public String createZone(ZoneSpec spec) {
        throw new UnsupportedOperationException("no domains in this test");
    }

    @Override
    public void upsertRecords(ZoneSpec spec, String zoneId, List<DnsRecord> records) {
        throw new UnsupportedOperationException("no domains in this test");
    }

    @Override
    public void deleteZone(ZoneSpec spec, String zoneId) {
        throw new UnsupportedOperationException("no domains in this test");
    }
}
