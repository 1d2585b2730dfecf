/**
 * The EC2 simulator (PrivateLink actions only), in small pieces:
 * <ul>
 *   <li>{@link io.dataflow.privatelink.simulator.ec2.Ec2Simulator} — the public facade: start/stop, Java-API
 *       registration and test hooks, counters, faults, rate limits;</li>
 *   <li>{@code Ec2HttpHandler} — the Query protocol: parse, authenticate, fault/throttle, dispatch, render errors;
 *       {@code QueryRequest} — EC2's flattened form parameters;</li>
 *   <li>{@code EndpointActions}, {@code ServiceOwnerActions} — one method per API action;</li>
 *   <li>{@code Ec2Store} — the state and its rules under one lock, handing out immutable
 *       {@code VpcEndpoint}/{@code EndpointService} records;</li>
 *   <li>{@code Ec2Xml}, {@code XmlWriter} — EC2's XML shapes; {@code Filters}, {@code Page} — EC2's filter and
 *       pagination semantics;</li>
 *   <li>call counts, faults and rate buckets come from {@link io.dataflow.privatelink.simulator.common};
 *       {@code Ec2ControlHandler} adds EC2's hooks to the shared JSON routes under {@code /_simulator/};
 *       {@link io.dataflow.privatelink.simulator.ec2.FaultSpec} and
 *       {@link io.dataflow.privatelink.simulator.ec2.RateBucketSpec} keep the package's public names for the
 *       shared types.</li>
 * </ul>
 */
package io.dataflow.privatelink.simulator.ec2;
