package io.dataflow.privatelink.simulator.alicloud;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The simulated PrivateLink API actions by name: the consumer (platform) side and the service-owner side. */
final class AlicloudActions {

    /** The API version every request must name. */
    static final String VERSION = "2020-04-15";

    private final Map<String, AlicloudAction> byName = new TreeMap<>();

    AlicloudActions(AlicloudStore store) {
        new EndpointActions(store).register(byName);
        new ServiceOwnerActions(store).register(byName);
    }

    Optional<AlicloudAction> find(String action) {
        return Optional.ofNullable(byName.get(action));
    }
}
