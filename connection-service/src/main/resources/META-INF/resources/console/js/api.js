// The REST API as the console calls it: JSON, the bearer token, the API's error body as ApiError.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  constructor(token) {
    this.token = token;
  }

  async call(method, path, body, extraHeaders = {}) {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          'Authorization': `Bearer ${this.token}`,
          'Accept': 'application/json',
          ...(body === undefined ? {} : {'Content-Type': 'application/json'}),
          ...extraHeaders,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 14, 'The API cannot be reached. Check your network and try again.');
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: an error page of a proxy */ }
    if (!response.ok) {
      throw new ApiError(response.status, json?.code ?? 2,
        json?.message || `The API answered ${response.status} ${response.statusText}.`);
    }
    return json;
  }

  clusters() {
    return this.call('GET', '/v1beta1/clusters').then(r => r.clusters || []);
  }

  async connections(clusterId) {
    const all = [];
    let page = '';
    do {
      const r = await this.call('GET', `${base(clusterId)}?pageSize=100${page ? `&pageToken=${encodeURIComponent(page)}` : ''}`);
      all.push(...(r.privateLinkConnections || []));
      page = r.nextPageToken || '';
    } while (page);
    return all;
  }

  zones(clusterId) {
    return this.call('GET', `${base(clusterId)}:getAvailabilityZones`);
  }

  /** The cluster's and its project's connection limits and use: {cluster: {limit, used}, project: {…}}. */
  quota(clusterId) {
    return this.call('GET', `${base(clusterId)}:getQuota`);
  }

  /** The same key for a retried submission: the API then answers with the first create, never a second one. */
  create(clusterId, connection, idempotencyKey) {
    return this.call('POST', base(clusterId), {privateLinkConnection: connection}, {'Idempotency-Key': idempotencyKey});
  }

  remove(clusterId, id) {
    return this.call('DELETE', `${base(clusterId)}/${encodeURIComponent(id)}`);
  }

  /** Renames the connection (PATCH, updateMask displayName). */
  rename(clusterId, id, displayName) {
    return this.call('PATCH', `${base(clusterId)}/${encodeURIComponent(id)}`,
      {privateLinkConnection: {displayName}, updateMask: 'displayName'});
  }

  /** One connection as get shows it: its attached domains and its last connectivity test (connectivityTest). */
  connection(clusterId, id) {
    return this.call('GET', `${base(clusterId)}/${encodeURIComponent(id)}`);
  }

  /** Starts a connectivity test ({targets, port, kafka}, each optional); answers the test, RUNNING. */
  testConnectivity(clusterId, id, body) {
    return this.call('POST', `${base(clusterId)}/${encodeURIComponent(id)}:testConnectivity`, body);
  }

  history(clusterId, id) {
    return this.call('GET', `${base(clusterId)}/${encodeURIComponent(id)}/history`);
  }

  attach(clusterId, id, attachDomain, dryRun) {
    return this.call('POST', `${base(clusterId)}/${encodeURIComponent(id)}:attachDomains`,
      dryRun ? {attachDomain, validateOnly: true} : {attachDomain});
  }

  detach(clusterId, id, attachDomainId) {
    return this.call('POST', `${base(clusterId)}/${encodeURIComponent(id)}:detachDomains`, {attachDomainId});
  }
}

export function base(clusterId) {
  return `/v1beta1/clusters/${encodeURIComponent(clusterId)}/privateLinkConnections`;
}

export async function settings() {
  const response = await fetch('/console/settings', {headers: {Accept: 'application/json'}});
  return response.json();
}
