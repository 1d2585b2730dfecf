/**
 * The Alibaba Cloud PrivateLink (2020-04-15) and PrivateZone (2018-01-01) simulator: the facade
 * {@link io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator} and its config;
 * {@code AlicloudHttpHandler} (the RPC protocol: parse, check Version/Action, verify the HMAC-SHA1 signature
 * of the {@code RpcRequest}, fault/throttle, dispatch, render errors); {@code AlicloudActions} and
 * {@code PrivateZoneActions}, one method per action, over {@code AlicloudStore} and {@code PrivateZoneStore};
 * {@code AlicloudJson} — PrivateLink's JSON shapes.
 */
package io.dataflow.privatelink.simulator.alicloud;
