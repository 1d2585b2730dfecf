// The CLI and curl commands equivalent to each console action, so that what a user clicked can be
// scripted. The token is never shown: commands read it from $PLC_TOKEN (the CLI from its profile).

const q = value => /^[A-Za-z0-9._:\/=@-]+$/.test(value) ? value : `'${String(value).replace(/'/g, `'\\''`)}'`;
const api = () => location.origin;
const json = body => q(JSON.stringify(body));
const curl = (method, path, body) => [
  `curl -s -X ${method} "${api()}${path}" -H "Authorization: Bearer $PLC_TOKEN"`,
  body === undefined ? '' : ` \\\n  -H 'Content-Type: application/json' -d ${json(body)}`,
].join('');
const connectionPath = (clusterId, id) => `/v1beta1/clusters/${clusterId}/privateLinkConnections/${id}`;

export function create(clusterId, {displayName, type, serviceName}) {
  const aws = type === 'AWS_ENDPOINT_SERVICE';
  const service = aws ? {awsEndpointService: {name: serviceName}} : {alicloudEndpointService: {name: serviceName}};
  return {
    cli: `plc plc create -c ${clusterId} --display-name ${q(displayName || '<name>')} --type ${type} \\\n  `
      + `--${aws ? 'aws' : 'alicloud'}.endpoint-service-name ${q(serviceName || '<service-name>')} --wait`,
    curl: curl('POST', `/v1beta1/clusters/${clusterId}/privateLinkConnections`,
      {privateLinkConnection: {displayName: displayName || '<name>', type, ...service}}),
  };
}

export function attach(clusterId, id, type, uniqueName, dryRun) {
  const body = {attachDomain: {type, ...(uniqueName ? {uniqueName} : {})}, ...(dryRun ? {validateOnly: true} : {})};
  return {
    cli: `plc plc attach-domains -c ${clusterId} --private-link-connection-id ${id} --type ${type}`
      + (uniqueName ? ` --unique-name ${q(uniqueName)}` : '') + (dryRun ? ' --dry-run' : ' --wait'),
    curl: curl('POST', `${connectionPath(clusterId, id)}:attachDomains`, body),
  };
}

export function detach(clusterId, id, attachDomainId) {
  return {
    cli: `plc plc detach-domains -c ${clusterId} --private-link-connection-id ${id} --attach-domain-id ${attachDomainId || '<id>'} --wait`,
    curl: curl('POST', `${connectionPath(clusterId, id)}:detachDomains`, {attachDomainId: attachDomainId || '<id>'}),
  };
}

export function remove(clusterId, id) {
  return {
    cli: `plc plc delete -c ${clusterId} --private-link-connection-id ${id} --force --wait`,
    curl: curl('DELETE', connectionPath(clusterId, id)),
  };
}

export function rename(clusterId, id, displayName) {
  return {
    cli: `plc plc update -c ${clusterId} --private-link-connection-id ${id} --display-name ${q(displayName || '<name>')}`,
    curl: curl('PATCH', connectionPath(clusterId, id),
      {privateLinkConnection: {displayName: displayName || '<name>'}, updateMask: 'displayName'}),
  };
}

export function history(clusterId, id) {
  return {
    cli: `plc plc history -c ${clusterId} --private-link-connection-id ${id}`,
    curl: curl('GET', `${connectionPath(clusterId, id)}/history`),
  };
}

/** {targets: ['host:port', …], port, kafka}: each only when given, as the dialog sends it. */
export function testConnectivity(clusterId, id, {port, kafka, targets}) {
  const body = connectivityBody({port, kafka, targets});
  return {
    cli: `plc plc test-connectivity -c ${clusterId} --private-link-connection-id ${id}`
      + (port ? ` --port ${q(port)}` : '') + (kafka ? ' --kafka' : '')
      + (targets || []).map(t => ` --target ${q(t)}`).join(''),
    curl: curl('POST', `${connectionPath(clusterId, id)}:testConnectivity`, body)
      + '\n# then, until connectivityTest.state is no longer RUNNING:\n' + curl('GET', connectionPath(clusterId, id)),
  };
}

/** The :testConnectivity body: only what was given ('[v6]:port' sends the address without its brackets). */
export function connectivityBody({port, kafka, targets}) {
  const body = {};
  if (targets && targets.length) {
    body.targets = targets.map(t => {
      const at = t.lastIndexOf(':');
      const host = t.slice(0, at);
      return {host: host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host, port: Number(t.slice(at + 1))};
    });
  }
  if (port) body.port = Number(port);
  if (kafka) body.kafka = true;
  return body;
}

export function get(clusterId, id) {
  return {
    cli: `plc plc get -c ${clusterId} --private-link-connection-id ${id}`,
    curl: curl('GET', connectionPath(clusterId, id)),
  };
}

export function list(clusterId) {
  return {
    cli: `plc plc list -c ${clusterId} -o wide`,
    curl: curl('GET', `/v1beta1/clusters/${clusterId}/privateLinkConnections`),
  };
}

/** What the owner of the endpoint service must do at PENDING_ACCEPTANCE, with the exact command. */
export function acceptance(connection) {
  const aws = connection.type === 'AWS_ENDPOINT_SERVICE';
  const service = (aws ? connection.awsEndpointService : connection.alicloudEndpointService) || {};
  if (!service.endpointId || !service.name) return null;
  const serviceId = service.name.slice(service.name.lastIndexOf('.') + 1);
  const region = service.region || service.name.split('.')[3]; // com.amazonaws.vpce.<region>… and com.aliyuncs.privatelink.<region>…
  return aws ? {
    text: `Accept endpoint ${service.endpointId} in your endpoint service ${serviceId}, as the AWS account that owns it.`,
    command: `aws ec2 accept-vpc-endpoint-connections --region ${region} --service-id ${serviceId} --vpc-endpoint-ids ${service.endpointId}`,
  } : {
    text: `Accept endpoint ${service.endpointId} in your endpoint service ${serviceId}, as the Alibaba Cloud account that owns it.`,
    command: `aliyun privatelink EnableVpcEndpointConnection --RegionId ${region} --ServiceId ${serviceId} --EndpointId ${service.endpointId}`,
  };
}
