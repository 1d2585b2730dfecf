package io.dataflow.privatelink.simulator.ec2;

/**
 * The EC2 simulator's name for {@link io.dataflow.privatelink.simulator.common.FaultSpec}, kept so that
 * existing callers compile unchanged; {@link Ec2Simulator#injectFault} takes either. EC2 answers
 * {@code THROTTLE} with 503 {@code RequestLimitExceeded}, {@code INTERNAL_ERROR} with 500
 * {@code InternalError} and {@code SERVICE_UNAVAILABLE} with 503 {@code Unavailable}.
 */
public final class FaultSpec extends io.dataflow.privatelink.simulator.common.FaultSpec {

    private FaultSpec(io.dataflow.privatelink.simulator.common.FaultSpec spec) {
        super(spec);
    }

    public static FaultSpec throttling() {
        return new FaultSpec(io.dataflow.privatelink.simulator.common.FaultSpec.throttling());
    }

    public static FaultSpec internalError() {
        return new FaultSpec(io.dataflow.privatelink.simulator.common.FaultSpec.internalError());
    }

    public static FaultSpec serviceUnavailable() {
        return new FaultSpec(io.dataflow.privatelink.simulator.common.FaultSpec.serviceUnavailable());
    }

    public static FaultSpec latency(java.time.Duration latency) {
        return new FaultSpec(io.dataflow.privatelink.simulator.common.FaultSpec.latency(latency));
    }

    @Override
    public FaultSpec times(int n) {
        return new FaultSpec(super.times(n));
    }

    @Override
    public FaultSpec withProbability(double p) {
        return new FaultSpec(super.withProbability(p));
    }
}
