/**
 * The EC2 simulator (PrivateLink actions, and STS's GetCallerIdentity and AssumeRole): the facade
 * {@link io.dataflow.privatelink.simulator.ec2.Ec2Simulator} and its config; {@code Ec2HttpHandler} (the Query
 * protocol: parse, authenticate, fault/throttle, dispatch, render errors); {@code Ec2Actions}, one method per
 * action, over {@code Ec2Store}, which hands out immutable {@code Ec2VpcEndpoint}/{@code Ec2EndpointService}
 * records; {@code Ec2Xml} — EC2's XML shapes. Route 53 shares its port.
 */
package io.dataflow.privatelink.simulator.ec2;
