package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.worker.cloud.EndpointServiceView;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;

import java.util.List;
import java.util.Optional;

/** The checks a visible endpoint service must pass before an endpoint to it is created. */
final class Preflight {

    private Preflight() {
    }

    /** Why a service is refused: a stable code and the words that say what to change. */
    record Refusal(FailureReason reason, String message) {
    }

    static Optional<Refusal> refusal(EndpointSpec spec, EndpointServiceView service) {
        if (service.region() != null && !service.region().equals(spec.serviceRegion())) {
            return Optional.of(new Refusal(FailureReason.SERVICE_IN_ANOTHER_REGION, "The endpoint service " + spec.serviceName() + " is in region " + service.region()
                    + ", not in " + spec.serviceRegion() + " as requested."));
        }
        if (sharedZones(spec, service).isEmpty()) {
            return Optional.of(new Refusal(FailureReason.NO_SHARED_ZONE, "The endpoint service " + spec.serviceName()
                    + " shares no availability zone with"
                    + " cluster " + spec.placement().clusterId() + ": the service is in " + service.zoneIds()
                    + ", the cluster in " + spec.placement().azIds() + ". Add one of the cluster's zones to the"
                    + " service's load balancer."));
        }
        return Optional.empty();
    }

    /** The cluster's zones the service also offers, in the cluster's order. */
    static List<String> sharedZones(EndpointSpec spec, EndpointServiceView service) {
        return spec.placement().azIds().stream().filter(service.zoneIds()::contains).toList();
    }
}
