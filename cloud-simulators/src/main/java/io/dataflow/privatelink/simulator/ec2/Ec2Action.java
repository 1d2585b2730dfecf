package io.dataflow.privatelink.simulator.ec2;

/** One EC2 API action: parameters in, the XML response document out (or an {@link Ec2ApiError}). */
@FunctionalInterface
interface Ec2Action {

    String handle(Caller caller, QueryRequest request, String requestId);
}
