/**
 * The Alibaba Cloud PrivateLink simulator (API version 2020-04-15), in small pieces:
 * <ul>
 *   <li>{@link io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator} — the public facade: start/stop,
 *       Java-API registration and test hooks, counters, faults, rate limits;
 *       {@link io.dataflow.privatelink.simulator.alicloud.AlicloudSimulatorConfig} — its settings;</li>
 *   <li>{@code AlicloudHttpHandler} — the RPC protocol: parse, check Version/Action, verify the HMAC-SHA1
 *       signature ({@code RpcSignature}), fault/throttle, dispatch, render errors; {@code RpcRequest} — the
 *       flattened parameters;</li>
 *   <li>{@code EndpointActions}, {@code ServiceOwnerActions} — one method per API action;</li>
 *   <li>{@code AlicloudStore} — the state and its rules under one lock, handing out immutable
 *       {@code VpcEndpoint}/{@code EndpointService} records; statuses
 *       ({@link io.dataflow.privatelink.simulator.alicloud.EndpointStatus},
 *       {@link io.dataflow.privatelink.simulator.alicloud.ConnectionStatus}) move on lazily;</li>
 *   <li>{@code AlicloudJson}, {@code AlicloudPage} — PrivateLink's JSON shapes and MaxResults/NextToken
 *       paging; {@code AlicloudApiError} — its error codes;</li>
 *   <li>call counts, faults and rate buckets come from {@link io.dataflow.privatelink.simulator.common};
 *       {@code AlicloudControlHandler} adds this cloud's hooks to the shared JSON routes under
 *       {@code /_simulator/}.</li>
 * </ul>
 */
package io.dataflow.privatelink.simulator.alicloud;
