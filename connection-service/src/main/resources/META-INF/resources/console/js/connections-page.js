// Cluster › Settings › Networking › Private Link Connection For Dataflow: the table of connections,
// kept current by the cluster's status stream; the row menu opens the dialogs.
import {h, clear, stateBadge, stateNote, formatTime} from './dom.js';
import {ClusterStream} from './stream.js';
import * as dialogs from './dialogs.js';
import * as commands from './commands.js';

const TYPE_NAMES = {AWS_ENDPOINT_SERVICE: 'AWS', ALICLOUD_ENDPOINT_SERVICE: 'Alibaba Cloud'};
const COLUMNS = ['Name', 'ID', 'Type', 'Endpoint service', 'State', 'Endpoint ID', 'Zones', 'Domains', 'Created', 'Actions'];

export class ConnectionsPage {
  constructor(root, {api, token, cluster, settings}) {
    this.api = api;
    this.cluster = cluster;
    this.settings = settings;
    this.connections = new Map();
    this.rows = new Map();
    this.listeners = new Map();
    this.canWrite = cluster.role === 'EDITOR';
    this.render(root);
    this.load();
    this.stream = new ClusterStream(cluster.clusterId, token, {
      snapshot: c => this.upsert(c),
      deleted: id => this.removeRow(id),
      resync: () => this.load(),
      status: s => this.live(s),
      refused: e => { this.problem.textContent = e.message; this.live('down'); },
    });
  }

  close() {
    this.stream.close();
  }

  render(root) {
    const c = this.cluster;
    this.tbody = h('tbody', {});
    this.liveIndicator = h('span', {class: 'live', role: 'status', id: 'live', dataset: {state: 'connecting'}}, 'Connecting…');
    this.problem = h('div', {class: 'error', role: 'alert'});
    this.emptyRow = h('tr', {}, h('td', {colspan: COLUMNS.length, class: 'empty'},
      'No private link connections yet.', this.canWrite ? ' Create one to let dataflow reach your service privately.' : ''));
    const list = commands.list(c.clusterId);
    clear(root,
      h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('ol', {},
        h('li', {}, h('a', {href: '#/'}, 'Clusters')), h('li', {}, c.clusterId), h('li', {}, 'Settings'),
        h('li', {'aria-current': 'page'}, 'Networking'))),
      h('h1', {}, `Cluster ${c.clusterId}`),
      h('p', {class: 'muted'}, `${TYPE_NAMES[c.connectionType] || c.cloudProvider} ${c.region} · project ${c.projectId} · your role: ${c.role.toLowerCase()}`),
      h('div', {class: 'tabs', role: 'presentation'}, h('span', {}, 'Settings'), h('span', {'aria-current': 'page'}, 'Networking')),
      h('section', {class: 'card', 'aria-labelledby': 'plc-heading'},
        h('div', {class: 'section-head'},
          h('div', {class: 'grow'}, h('h2', {id: 'plc-heading'}, 'Private Link Connection For Dataflow'),
            h('div', {class: 'hint'}, 'Changefeeds and data migrations reach your databases and Kafka over these endpoints instead of the internet.')),
          this.liveIndicator,
          this.canWrite ? h('button', {type: 'button', class: 'primary', id: 'create-open',
            onclick: () => dialogs.createDialog(this)}, 'Create Private Link Connection') : null),
        this.problem,
        h('div', {style: 'overflow-x:auto'}, h('table', {class: 'connections', id: 'connections'},
          h('thead', {}, h('tr', {}, COLUMNS.map(name => h('th', {scope: 'col'}, name)))), this.tbody)),
        h('details', {class: 'equivalent'}, h('summary', {}, 'Equivalent CLI and curl commands'),
          h('pre', {}, list.cli), h('pre', {}, list.curl))));
    this.tbody.append(this.emptyRow);
  }

  async load() {
    try {
      const all = await this.api.connections(this.cluster.clusterId);
      const seen = new Set(all.map(c => c.privateLinkConnectionId));
      for (const id of [...this.connections.keys()]) if (!seen.has(id)) this.removeRow(id);
      all.forEach(c => this.upsert(c));
      this.problem.textContent = '';
    } catch (e) {
      this.problem.textContent = e.message;
    }
  }

  live(state) {
    this.liveIndicator.dataset.state = state;
    this.liveIndicator.textContent = state === 'live' ? 'Live' : 'Reconnecting…';
  }

  /** Keeps the newest of what the API and the stream said; the list omits domains, so those stay. */
  upsert(incoming) {
    const id = incoming.privateLinkConnectionId;
    const known = this.connections.get(id);
    if (known && known.updateTime && incoming.updateTime && incoming.updateTime < known.updateTime) return;
    const merged = known && incoming.attachedDomains === undefined && incoming.updateTime === known.updateTime
      ? {...incoming, attachedDomains: known.attachedDomains} : incoming;
    this.connections.set(id, merged);
    this.renderRow(merged);
    (this.listeners.get(id) || []).forEach(render => render());
  }

  removeRow(id) {
    this.connections.delete(id);
    this.rows.get(id)?.tr.remove();
    this.rows.delete(id);
    if (this.rows.size === 0) this.tbody.append(this.emptyRow);
    (this.listeners.get(id) || []).forEach(render => render());
  }

  /** Calls render on each change of the connection while the dialog is open. */
  onChange(id, render, dialog) {
    if (!this.listeners.has(id)) this.listeners.set(id, new Set());
    this.listeners.get(id).add(render);
    dialog.addEventListener('close', () => this.listeners.get(id)?.delete(render));
  }

  renderRow(c) {
    const id = c.privateLinkConnectionId;
    let row = this.rows.get(id);
    if (!row) {
      row = {tr: h('tr', {dataset: {id}}), cells: COLUMNS.slice(0, -1).map(label => h('td', {'data-label': label})),
        actions: h('td', {'data-label': 'Actions'}, this.menu(id))};
      row.tr.append(...row.cells, row.actions);
      this.rows.set(id, row);
      this.emptyRow.remove();
      const after = [...this.rows.values()].map(r => r.tr).find(tr => tr !== row.tr && tr.isConnected
        && (this.connections.get(tr.dataset.id)?.createTime || '') < (c.createTime || ''));
      this.tbody.insertBefore(row.tr, after || null);
    }
    const service = c.awsEndpointService || c.alicloudEndpointService || {};
    const domains = c.attachedDomains === undefined ? '…' : c.attachedDomains.reduce((n, a) => n + (a.domains || []).length, 0);
    const values = [
      h('button', {type: 'button', class: 'link', onclick: () => dialogs.detailsDialog(this, id)}, c.displayName),
      h('span', {class: 'mono'}, id), TYPE_NAMES[c.type] || c.type, h('span', {class: 'mono'}, service.name || ''),
      h('span', {}, stateBadge(c.state, c.message), stateNote(c)), h('span', {class: 'mono'}, service.endpointId || '—'),
      (service.availabilityZoneIds || []).join(', ') || '—', String(domains),
      h('time', {datetime: c.createTime}, formatTime(c.createTime))];
    row.cells.forEach((cell, i) => clear(cell, values[i]));
    row.cells[4].classList.add('state');
    row.cells[7].classList.add('domains');
  }

  /** The row's "…" menu: a button that opens a list of actions, by mouse or keyboard. */
  menu(id) {
    const button = h('button', {type: 'button', class: 'small', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
      'aria-label': 'Actions', dataset: {menuFor: id}}, '…');
    const wrap = h('div', {class: 'menu-wrap'}, button);
    let list = null;
    const close = (refocus) => {
      list?.remove();
      list = null;
      button.setAttribute('aria-expanded', 'false');
      document.removeEventListener('click', outside, true);
      if (refocus) button.focus();
    };
    const outside = event => { if (!wrap.contains(event.target)) close(false); };
    const item = (label, enabled, action) => h('li', {role: 'none'}, h('button', {type: 'button', role: 'menuitem',
      disabled: !enabled, onclick: () => { close(false); action(); }}, label));
    button.addEventListener('click', () => {
      if (list) return close(true);
      const c = this.connections.get(id) || {};
      const attachments = c.attachedDomains || [];
      list = h('ul', {role: 'menu', 'aria-label': `Actions for ${c.displayName || id}`},
        item('Details', true, () => dialogs.detailsDialog(this, id)),
        item('History', true, () => dialogs.historyDialog(this, id)),
        this.canWrite ? [
          item('Rename', c.state !== 'DELETING', () => dialogs.renameDialog(this, id)),
          item('Attach Domains', c.state === 'ACTIVE', () => dialogs.attachDialog(this, id)),
          item('Detach Domains', attachments.length > 0, () => dialogs.detachDialog(this, id)),
          item('Test connectivity', c.state !== 'DELETING', () => dialogs.connectivityDialog(this, id)),
          item('Delete', c.state !== 'DELETING', () => dialogs.deleteDialog(this, id))] : []);
      list.addEventListener('keydown', event => {
        const items = [...list.querySelectorAll('[role=menuitem]:not(:disabled)')];
        const at = items.indexOf(document.activeElement);
        if (event.key === 'Escape') { event.preventDefault(); close(true); }
        else if (event.key === 'ArrowDown') { event.preventDefault(); items[(at + 1) % items.length]?.focus(); }
        else if (event.key === 'ArrowUp') { event.preventDefault(); items[(at - 1 + items.length) % items.length]?.focus(); }
        else if (event.key === 'Tab') close(false);
      });
      wrap.append(list);
      button.setAttribute('aria-expanded', 'true');
      document.addEventListener('click', outside, true);
      list.querySelector('[role=menuitem]:not(:disabled)')?.focus();
    });
    return wrap;
  }
}
