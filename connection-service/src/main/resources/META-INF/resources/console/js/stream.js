// A cluster's status stream over the WebSocket: every live connection's snapshot first, then each
// change. On a drop it reconnects with the last event id, so nothing is missed; when the server can
// no longer resume ("resync") the page reloads the list. The token travels as a WebSocket subprotocol
// (browsers cannot set headers on a WebSocket; a URL would put it in access logs); when it expires the
// server ends the stream with "token-expired" and the page asks to sign in again.

export class ClusterStream {
  constructor(clusterId, token, handlers) {
    this.clusterId = clusterId;
    this.token = token;
    this.handlers = handlers;
    this.lastEventId = null;
    this.closed = false;
    this.retry = 500;
    this.open();
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const params = new URLSearchParams();
    if (this.lastEventId) params.set('lastEventId', this.lastEventId);
    const url = `${scheme}://${location.host}/v1beta1/ws/clusters/${encodeURIComponent(this.clusterId)}/privateLinkConnections?${params}`;
    const socket = new WebSocket(url, ['plc.v1', `plc.bearer.${this.token}`]);
    this.socket = socket;
    socket.onopen = () => { this.retry = 500; this.handlers.status('live'); };
    socket.onmessage = message => this.receive(JSON.parse(message.data));
    socket.onclose = () => {
      if (this.closed) return;
      this.handlers.status('down');
      setTimeout(() => { if (!this.closed) this.open(); }, this.retry);
      this.retry = Math.min(this.retry * 2, 10000);
    };
  }

  receive(message) {
    if (message.id) this.lastEventId = message.id;
    switch (message.event) {
      case 'snapshot': this.handlers.snapshot(message.data); break;
      case 'deleted': this.handlers.deleted(message.data.privateLinkConnectionId); break;
      case 'resync': this.lastEventId = message.data?.lastEventId || null; this.handlers.resync(); break;
      case 'token-expired':
        this.closed = true;
        this.handlers.refused({code: 16, message: 'Your access token has expired. Sign in again.'});
        break;
      default:
        if (message.code !== undefined) {
          // A refusal: the API's error body, then the server closes.
          this.closed = true;
          this.handlers.refused(message);
        }
    }
  }

  close() {
    this.closed = true;
    this.socket?.close();
  }
}
