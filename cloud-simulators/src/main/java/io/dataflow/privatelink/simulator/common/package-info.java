/**
 * What the cloud simulators share, so that each simulator package holds only its cloud's protocol and
 * rules:
 * <ul>
 *   <li>{@link io.dataflow.privatelink.simulator.common.CloudSimulator} — the base of the simulator facades:
 *       server, config, and the operational Java API;</li>
 *   <li>{@link io.dataflow.privatelink.simulator.common.SimulatorOperations} — call counts
 *       ({@link io.dataflow.privatelink.simulator.common.CallStats}), injected faults
 *       ({@link io.dataflow.privatelink.simulator.common.FaultSpec},
 *       {@link io.dataflow.privatelink.simulator.common.FaultInjector}) and token buckets
 *       ({@link io.dataflow.privatelink.simulator.common.RateBucketSpec},
 *       {@link io.dataflow.privatelink.simulator.common.RateLimiter});</li>
 *   <li>{@link io.dataflow.privatelink.simulator.common.SimulatorHttpServer},
 *       {@link io.dataflow.privatelink.simulator.common.HttpExchanges} — HTTP plumbing on the JDK server;
 *       {@link io.dataflow.privatelink.simulator.common.ControlHandler} — the shared {@code /_simulator/}
 *       routes;</li>
 *   <li>{@link io.dataflow.privatelink.simulator.common.FlatParams} — {@code Name.N.Member} parameters, read
 *       through {@link io.dataflow.privatelink.simulator.common.FlatRequest};
 *       {@link io.dataflow.privatelink.simulator.common.CloudApiError} — the base of each cloud's API errors;
 *       {@link io.dataflow.privatelink.simulator.common.WireValue} — enums with a wire spelling;
 *       {@link io.dataflow.privatelink.simulator.common.PageToken} — {@code NextToken} values;
 *       {@link io.dataflow.privatelink.simulator.common.Ids} — random id parts.</li>
 * </ul>
 */
package io.dataflow.privatelink.simulator.common;
