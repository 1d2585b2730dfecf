/**
 * What the cloud simulators share: {@link io.dataflow.privatelink.simulator.common.CloudSimulator} (the
 * facades' base: server, stores kept across restarts, call counts, armed faults and rate buckets of
 * {@link io.dataflow.privatelink.simulator.common.SimulatorOperations}), their settings
 * ({@link io.dataflow.privatelink.simulator.common.SimulatorConfig}), the stores' state, lock, persistence and
 * timers ({@link io.dataflow.privatelink.simulator.common.SimulatorStore},
 * {@link io.dataflow.privatelink.simulator.common.PrivateLinkStore}), the HTTP plumbing and the shared
 * {@code /_simulator/} routes, flattened-parameter requests, paging, wire enums, what a name resolves to
 * in a VPC ({@link io.dataflow.privatelink.simulator.common.DnsResolver}), and what makes interface endpoints
 * reachable for real: their loopback addresses ({@link io.dataflow.privatelink.simulator.common.EndpointAddresses})
 * and the listeners forwarding them to their services' backends
 * ({@link io.dataflow.privatelink.simulator.common.TcpForwarders}).
 */
package io.dataflow.privatelink.simulator.common;
