// The dialogs of the connections page: create, attach, detach, delete, details, history, connectivity test. Each shows the
// API's message when a request fails and changes nothing on the page; what changed arrives over the
// status stream. Each shows the equivalent CLI and curl commands.
import {h, clear, copyRow, stateBadge, stateNote, formatTime} from './dom.js';
import * as commands from './commands.js';

/** A modal <dialog> (focus kept inside, Escape closes) removed from the page when closed. */
function modal(title, ...content) {
  const heading = h('h2', {id: `dlg-${Math.random().toString(36).slice(2)}`}, title);
  const dialog = h('dialog', {'aria-labelledby': heading.id}, h('div', {class: 'body'}, heading, ...content));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

function equivalent(box, cmd) {
  clear(box,
    h('summary', {}, 'Equivalent CLI and curl commands'),
    h('div', {class: 'hint'}, 'CLI'), h('pre', {class: 'cli'}, cmd.cli),
    h('div', {class: 'hint'}, 'curl'), h('pre', {class: 'curl'}, cmd.curl));
  return box;
}

function errorBox() {
  return h('div', {class: 'error', role: 'alert'});
}

function closeButton(dialog, label = 'Close') {
  return h('button', {type: 'button', onclick: () => dialog.close()}, label);
}

/** Runs a request with its button disabled; a failure shows the API's message in the dialog. */
async function submit(button, error, request) {
  button.disabled = true;
  error.textContent = '';
  try {
    return await request();
  } catch (e) {
    error.textContent = e.message;
    return undefined;
  } finally {
    button.disabled = false;
  }
}

export function createDialog(page) {
  const {cluster, settings} = page;
  const rule = settings.endpointServiceNames[cluster.connectionType];
  const pattern = new RegExp(`^(?:${rule.pattern})$`);
  const idempotencyKey = crypto.randomUUID();
  const name = h('input', {id: 'create-name', name: 'displayName', required: true, maxlength: settings.displayNameMaxLength, autocomplete: 'off'});
  const type = h('select', {id: 'create-type', name: 'type'},
    h('option', {value: cluster.connectionType}, cluster.connectionType === 'AWS_ENDPOINT_SERVICE'
      ? 'AWS endpoint service' : 'Alibaba Cloud endpoint service'));
  const service = h('input', {id: 'create-service', name: 'serviceName', required: true, autocomplete: 'off',
    spellcheck: 'false', placeholder: rule.example, 'aria-describedby': 'create-service-hint'});
  const serviceHint = h('div', {id: 'create-service-hint', class: 'hint'},
    `Form: ${rule.example}, in the cluster's region ${cluster.region}.`);
  const error = errorBox();
  const zonesBox = h('div', {class: 'notice', id: 'create-zones'}, 'Loading the account and zones…');
  const quotaBox = h('div', {class: 'quota hint', id: 'create-quota', role: 'status'}, 'Loading the connection limit…');
  const equivalentBox = h('details', {class: 'equivalent'});
  const create = h('button', {type: 'submit', class: 'primary', id: 'create-submit'}, 'Create');
  const form = h('form', {method: 'dialog', novalidate: true},
    quotaBox,
    h('div', {class: 'field'}, h('label', {for: 'create-name'}, 'Name'), name),
    h('div', {class: 'field'}, h('label', {for: 'create-type'}, 'Connection type'), type),
    h('div', {class: 'field'}, h('label', {for: 'create-service'}, 'Endpoint service name'), service, serviceHint),
    error,
    h('div', {class: 'actions'}, h('button', {type: 'button', onclick: () => dialog.close()}, 'Cancel'), create),
    equivalentBox,
    zonesBox);
  const dialog = modal('Create Private Link Connection', form);
  name.focus();

  const values = () => ({displayName: name.value.trim(), type: type.value, serviceName: service.value.trim()});
  const serviceProblem = () => {
    const value = service.value.trim();
    if (!value) return 'Enter the endpoint service name.';
    const match = pattern.exec(value);
    if (!match) return `This is not an endpoint service name. Form: ${rule.example}.`;
    if (match[1] && match[1] !== cluster.region) {
      return `The service is in ${match[1]}; this cluster is in ${cluster.region}: the service must be in the cluster's region.`;
    }
    return null;
  };
  const refresh = () => {
    equivalent(equivalentBox, commands.create(cluster.clusterId, values()));
    const problem = service.value ? serviceProblem() : null;
    service.setAttribute('aria-invalid', problem ? 'true' : 'false');
    serviceHint.textContent = problem || `Form: ${rule.example}, in the cluster's region ${cluster.region}.`;
    serviceHint.classList.toggle('bad', !!problem);
  };
  form.addEventListener('input', refresh);
  refresh();

  page.api.zones(cluster.clusterId).then(zones => clear(zonesBox,
    h('strong', {}, 'At your cloud, first'),
    h('p', {class: 'hint'}, 'Allow this account on your endpoint service; the service needs a zone among the cluster\'s.'),
    copyRow('Account id to allow', zones.accountId),
    ...zones.azIds.map(az => copyRow('Availability zone', az)))).catch(e => { zonesBox.textContent = e.message; });

  const loadQuota = () => page.api.quota(cluster.clusterId)
    .then(quota => showQuota(quotaBox, quota))
    .catch(e => { quotaBox.textContent = e.message; });
  loadQuota();

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const v = values();
    const problem = !v.displayName ? 'Enter a name.' : serviceProblem();
    if (problem) {
      error.textContent = problem;
      return;
    }
    const aws = v.type === 'AWS_ENDPOINT_SERVICE';
    const created = await submit(create, error, () => page.api.create(cluster.clusterId, {
      displayName: v.displayName, type: v.type,
      ...(aws ? {awsEndpointService: {name: v.serviceName}} : {alicloudEndpointService: {name: v.serviceName}}),
    }, idempotencyKey));
    if (created) {
      page.upsert(created);
      showProgress(page, dialog, created.privateLinkConnectionId);
    } else {
      loadQuota(); // a refusal may have been the limit: show the use as it is now
    }
  });
}

/**
 * The create dialog's quota line: "3 of 10 connections used in this cluster", and, once the cluster or its
 * project has reached its limit, what that means and what to do.
 */
function showQuota(box, {cluster, project}) {
  const clusterFull = cluster.used >= cluster.limit;
  const projectFull = project.used >= project.limit;
  const line = h('span', {class: 'quota-use'},
    `${cluster.used} of ${cluster.limit} connections used in this cluster`,
    ` (${project.used} of ${project.limit} in project ${project.projectId}).`);
  box.classList.toggle('full', clusterFull || projectFull);
  if (!clusterFull && !projectFull) {
    clear(box, line);
    return;
  }
  const connections = n => `${n} connection${n === 1 ? '' : 's'}`;
  const reached = clusterFull
    ? `This cluster has reached its limit of ${connections(cluster.limit)}.`
    : `Project ${project.projectId} has reached its limit of ${connections(project.limit)} across its clusters.`;
  clear(box, h('strong', {class: 'quota-full'}, reached), ' ', line,
    ' A new connection will be refused: delete one you no longer need (it stops counting once it is gone), or ask the platform\'s operators for a higher limit.');
}

/** After a create: the connection's state, live, and what to do at the cloud once it waits for acceptance. */
function showProgress(page, dialog, id) {
  const state = h('div', {id: 'create-progress'});
  const body = dialog.querySelector('.body');
  clear(body, h('h2', {}, 'Connection created'), state,
    h('div', {class: 'actions'}, closeButton(dialog)));
  const render = () => {
    const c = page.connections.get(id);
    if (!c) return;
    const next = c.state === 'PENDING_ACCEPTANCE' ? commands.acceptance(c) : null;
    clear(state,
      h('p', {}, h('span', {class: 'mono'}, id), ' ', stateBadge(c.state, c.message)),
      c.state === 'CREATING' ? h('p', {class: 'hint'}, 'Creating the endpoint in the cluster\'s VPC…') : null,
      next ? h('div', {class: 'notice next', id: 'next-step'}, h('strong', {}, 'Next step at your cloud'),
        h('p', {}, next.text), h('pre', {}, next.command), copyRow('Command', next.command)) : null,
      c.state === 'ACTIVE' ? h('p', {}, 'Active: your dataflow can reach the service. Attach domains next if it is a Kafka cluster.') : null,
      c.state === 'FAILED' ? h('p', {class: 'error'}, c.message || 'The connection failed.') : null);
  };
  page.onChange(id, render, dialog);
  render();
}

export function detailsDialog(page, id) {
  const content = h('div', {id: 'details'});
  const equivalentBox = h('details', {class: 'equivalent'});
  const dialog = modal('Connection details', content, equivalentBox,
    h('div', {class: 'actions'}, h('button', {type: 'button', onclick: () => dialog.close()}, 'Close')));
  equivalent(equivalentBox, commands.get(page.cluster.clusterId, id));
  const render = () => {
    const c = page.connections.get(id);
    if (!c) {
      clear(content, h('p', {}, 'This connection was deleted.'));
      return;
    }
    const service = c.awsEndpointService || c.alicloudEndpointService || {};
    const attachments = c.attachedDomains || [];
    clear(content,
      h('p', {}, h('strong', {}, c.displayName), ' ', stateBadge(c.state, c.message), ' ', stateNote(c)),
      c.message ? h('p', {class: 'hint'}, c.message) : null,
      h('ul', {class: 'plain'},
        h('li', {}, 'Id: ', h('span', {class: 'mono'}, c.privateLinkConnectionId)),
        h('li', {}, 'Endpoint service: ', h('span', {class: 'mono'}, service.name || '')),
        h('li', {}, 'Endpoint id: ', h('span', {class: 'mono'}, service.endpointId || '—')),
        h('li', {}, 'Zones: ', (service.availabilityZoneIds || []).join(', ') || '—'),
        h('li', {}, 'Created: ', formatTime(c.createTime), c.createdBy ? ` by ${c.createdBy}` : '')),
      h('h3', {}, 'Attached domains'),
      attachments.length === 0 ? h('p', {class: 'hint'}, 'None.') : attachments.map(a => h('div', {class: 'notice', dataset: {attachment: a.attachDomainId}},
        h('div', {}, h('strong', {}, a.type === 'TIDBCLOUD_MANAGED' ? 'TiDB Cloud managed' : 'Confluent'), ' · ',
          h('span', {class: 'mono'}, a.uniqueName), ' · ', h('span', {class: 'mono hint'}, a.attachDomainId)),
        h('ul', {class: 'plain'}, (a.domains || []).map(d => h('li', {class: 'domain', dataset: {name: d.name}},
          stateBadge(d.state, d.message), ' ', h('span', {class: 'mono'}, d.name)))))));
  };
  page.onChange(id, render, dialog);
  render();
}

export function attachDialog(page, id) {
  const {cluster, settings} = page;
  const rule = settings.confluentUniqueName;
  const pattern = new RegExp(`^(?:${rule.pattern})$`);
  const managed = h('input', {type: 'radio', name: 'domain-type', id: 'attach-managed', value: 'TIDBCLOUD_MANAGED', checked: true});
  const confluent = h('input', {type: 'radio', name: 'domain-type', id: 'attach-confluent', value: 'CONFLUENT'});
  const uniqueName = h('input', {id: 'attach-unique-name', autocomplete: 'off', spellcheck: 'false',
    placeholder: rule.example, 'aria-describedby': 'attach-unique-hint'});
  const uniqueField = h('div', {class: 'field', hidden: true},
    h('label', {for: 'attach-unique-name'}, 'Confluent unique name'), uniqueName,
    h('div', {id: 'attach-unique-hint', class: 'hint'},
      `<network-id>.<region>, e.g. ${rule.example}: the part of your Confluent Dedicated cluster's DNS subdomain before .aws.confluent.cloud.`));
  const preview = h('div', {id: 'attach-preview'});
  const error = errorBox();
  const previewButton = h('button', {type: 'button', id: 'attach-preview-button'}, 'Preview domains');
  const attachButton = h('button', {type: 'submit', class: 'primary', id: 'attach-submit', disabled: true}, 'Attach');
  const equivalentBox = h('details', {class: 'equivalent'});
  let planned = null;
  const form = h('form', {method: 'dialog', novalidate: true},
    h('fieldset', {class: 'field'}, h('legend', {}, 'Domain type'),
      h('label', {}, managed, ' TiDB Cloud managed (a generated unique name)'),
      h('label', {}, confluent, ' Confluent (your cluster\'s unique name)')),
    uniqueField, preview, error,
    h('div', {class: 'actions'}, h('button', {type: 'button', onclick: () => dialog.close()}, 'Cancel'), previewButton, attachButton),
    equivalentBox);
  const dialog = modal('Attach Domains', form);
  const type = () => (confluent.checked ? 'CONFLUENT' : 'TIDBCLOUD_MANAGED');
  const refresh = () => {
    const isManaged = type() === 'TIDBCLOUD_MANAGED';
    uniqueField.hidden = isManaged;
    previewButton.hidden = !isManaged;
    if (isManaged) {
      attachButton.disabled = !planned;
    } else {
      planned = null;
      clear(preview);
      const ok = pattern.test(uniqueName.value.trim());
      uniqueName.setAttribute('aria-invalid', uniqueName.value && !ok ? 'true' : 'false');
      attachButton.disabled = !ok;
    }
    const name = isManaged ? planned?.uniqueName : uniqueName.value.trim();
    equivalent(equivalentBox, commands.attach(cluster.clusterId, id, type(), name, isManaged && !planned));
  };
  form.addEventListener('change', refresh);
  form.addEventListener('input', refresh);
  refresh();
  managed.focus();

  previewButton.addEventListener('click', async () => {
    const plan = await submit(previewButton, error, () => page.api.attach(cluster.clusterId, id, {type: 'TIDBCLOUD_MANAGED'}, true));
    if (plan) {
      planned = plan;
      clear(preview, h('div', {class: 'notice'},
        h('div', {}, 'Unique name: ', h('code', {id: 'attach-planned-name'}, plan.uniqueName)),
        h('div', {class: 'hint'}, 'These domains will resolve to the endpoint:'),
        h('ul', {class: 'plain', id: 'attach-planned-domains'}, (plan.domains || []).map(d => h('li', {class: 'mono'}, d.name)))));
      refresh();
      attachButton.focus();
    }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = type() === 'CONFLUENT' ? {type: 'CONFLUENT', uniqueName: uniqueName.value.trim()}
      : {type: 'TIDBCLOUD_MANAGED', uniqueName: planned?.uniqueName};
    const attached = await submit(attachButton, error, () => page.api.attach(cluster.clusterId, id, body, false));
    if (attached) {
      dialog.close();
      detailsDialog(page, id);
    }
  });
}

export function detachDialog(page, id) {
  const c = page.connections.get(id);
  const attachments = (c?.attachedDomains || []).filter(a => !(a.domains || []).every(d => d.state === 'DELETING'));
  const error = errorBox();
  const equivalentBox = h('details', {class: 'equivalent'});
  const detach = h('button', {type: 'submit', class: 'danger', id: 'detach-submit', disabled: true}, 'Detach');
  const choices = attachments.map((a, i) => h('label', {},
    h('input', {type: 'radio', name: 'attachment', value: a.attachDomainId, id: `detach-${i}`}),
    ` ${a.type === 'TIDBCLOUD_MANAGED' ? 'TiDB Cloud managed' : 'Confluent'} ${a.uniqueName} (${(a.domains || []).length} domains)`));
  const form = h('form', {method: 'dialog'},
    attachments.length === 0 ? h('p', {}, 'This connection has no attached domains.')
      : h('fieldset', {class: 'field'}, h('legend', {}, 'Attachment to detach'), choices),
    h('p', {class: 'hint'}, 'Its domains stop resolving to the endpoint.'),
    error,
    h('div', {class: 'actions'}, h('button', {type: 'button', onclick: () => dialog.close()}, 'Cancel'), detach),
    equivalentBox);
  const dialog = modal('Detach Domains', form);
  const chosen = () => form.querySelector('input[name=attachment]:checked')?.value;
  const refresh = () => {
    detach.disabled = !chosen();
    equivalent(equivalentBox, commands.detach(page.cluster.clusterId, id, chosen()));
  };
  form.addEventListener('change', refresh);
  refresh();
  (form.querySelector('input[name=attachment]') || form.querySelector('button')).focus();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const done = await submit(detach, error, () => page.api.detach(page.cluster.clusterId, id, chosen()));
    if (done !== undefined) dialog.close();
  });
}

export function renameDialog(page, id) {
  const c = page.connections.get(id);
  const error = errorBox();
  const input = h('input', {id: 'rename-name', name: 'displayName', required: true, maxlength: 64,
    value: c?.displayName || '', 'aria-describedby': 'rename-hint'});
  const save = h('button', {type: 'submit', id: 'rename-submit'}, 'Rename');
  const equivalentBox = h('details', {class: 'equivalent'});
  const form = h('form', {method: 'dialog'},
    h('label', {for: 'rename-name'}, 'Display name'), input,
    h('p', {class: 'hint', id: 'rename-hint'}, '1 to 64 characters. Only the name changes; the endpoint stays as it is.'),
    error,
    h('div', {class: 'actions'}, h('button', {type: 'button', id: 'rename-cancel', onclick: () => dialog.close()}, 'Cancel'), save),
    equivalentBox);
  const refresh = () => equivalent(equivalentBox, commands.rename(page.cluster.clusterId, id, input.value.trim()));
  input.addEventListener('input', refresh);
  refresh();
  const dialog = modal('Rename Private Link Connection', form);
  input.select();

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const done = await submit(save, error, () => page.api.rename(page.cluster.clusterId, id, input.value));
    if (done) {
      page.upsert(done);
      dialog.close();
    }
  });
}

export function deleteDialog(page, id) {
  const c = page.connections.get(id);
  const error = errorBox();
  const remove = h('button', {type: 'submit', class: 'danger', id: 'delete-submit'}, 'Delete');
  const form = h('form', {method: 'dialog'},
    h('p', {}, 'Delete ', h('strong', {}, c?.displayName || id), ' (', h('span', {class: 'mono'}, id), ')? ',
      'Its endpoint is removed and dataflow can no longer reach the service through it.'),
    error,
    h('div', {class: 'actions'}, h('button', {type: 'button', id: 'delete-cancel', onclick: () => dialog.close()}, 'Cancel'), remove),
    equivalent(h('details', {class: 'equivalent'}), commands.remove(page.cluster.clusterId, id)));
  const dialog = modal('Delete Private Link Connection', form);
  form.querySelector('#delete-cancel').focus();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const done = await submit(remove, error, () => page.api.remove(page.cluster.clusterId, id));
    if (done) {
      page.upsert(done);
      dialog.close();
    }
  });
}

export async function historyDialog(page, id) {
  const list = h('ol', {class: 'timeline', id: 'history'}, h('li', {}, 'Loading…'));
  const error = errorBox();
  const dialog = modal('History', list, error,
    equivalent(h('details', {class: 'equivalent'}), commands.history(page.cluster.clusterId, id)),
    h('div', {class: 'actions'}, h('button', {type: 'button', onclick: () => dialog.close()}, 'Close')));
  try {
    const history = await page.api.history(page.cluster.clusterId, id);
    clear(list, (history.stateChanges || []).map(change => h('li', {},
      stateBadge(change.state), ' ', h('time', {datetime: change.changeTime}, formatTime(change.changeTime)),
      ' ', stateNote({failureReason: change.failureReason}),
      change.message ? h('div', {class: 'hint'}, change.message) : null)));
  } catch (e) {
    clear(list);
    error.textContent = e.message;
  }
}

/** host:port, or [IPv6]:port; the port 1 to 65535. Which hosts may be tested is the API's rule. */
const TARGET = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\.?):(\d{1,5})$/;
const POLL_MILLIS = 1000;
const POLL_GIVE_UP_MILLIS = 5 * 60 * 1000;

/**
 * Test connectivity: the port, Kafka and targets to try; "Run test" starts the test, then reads the connection
 * every second until its connectivityTest is this test and no longer RUNNING (never after the dialog closed), and
 * shows each check with a failed check's advice under it. The connection's last test is shown when it opens.
 */
export function connectivityDialog(page, id) {
  const clusterId = page.cluster.clusterId;
  const port = h('input', {id: 'connectivity-port', name: 'port', type: 'number', min: 1, max: 65535, step: 1,
    inputmode: 'numeric', placeholder: 'e.g. 9092', 'aria-describedby': 'connectivity-port-hint'});
  const kafka = h('input', {id: 'connectivity-kafka', name: 'kafka', type: 'checkbox'});
  const targets = h('textarea', {id: 'connectivity-targets', name: 'targets', rows: 3, spellcheck: 'false',
    autocomplete: 'off', placeholder: 'b0.kafka.example.com:9092', 'aria-describedby': 'connectivity-targets-hint'});
  const error = errorBox();
  const status = h('div', {id: 'connectivity-status', class: 'hint', role: 'status'});
  const result = h('div', {id: 'connectivity-result'});
  const run = h('button', {type: 'submit', class: 'primary', id: 'connectivity-run'}, 'Run test');
  const equivalentBox = h('details', {class: 'equivalent'});
  const form = h('form', {method: 'dialog', novalidate: true},
    h('p', {class: 'hint'}, 'The platform checks, from inside its network, the endpoint, your attached domains\' names and TCP through the connection.'),
    h('div', {class: 'field'}, h('label', {for: 'connectivity-port'}, 'Port (optional)'), port,
      h('div', {id: 'connectivity-port-hint', class: 'hint'}, 'Tried on the attached domains\' names (Kafka\'s 9092 with Check Kafka when no port or target is given).')),
    h('div', {class: 'field'}, h('label', {class: 'check'}, kafka, ' Check Kafka'),
      h('div', {class: 'hint'}, 'Also ask the brokers for metadata and check the names they advertise.')),
    h('div', {class: 'field'}, h('label', {for: 'connectivity-targets'}, 'Targets (optional)'), targets,
      h('div', {id: 'connectivity-targets-hint', class: 'hint'}, 'One host:port a line, names under an attached domain.')),
    error,
    h('div', {class: 'actions'}, h('button', {type: 'button', id: 'connectivity-close', onclick: () => dialog.close()}, 'Close'), run),
    status, result,
    equivalentBox);
  const dialog = modal('Test connectivity', form);
  dialog.id = 'connectivity-dialog';
  let closed = false;
  let timer = null;
  dialog.addEventListener('close', () => {
    closed = true;
    clearTimeout(timer);
  });

  const lines = () => targets.value.split('\n').map(line => line.trim()).filter(Boolean);
  const values = () => ({port: port.value.trim(), kafka: kafka.checked, targets: lines()});
  const problem = () => {
    const v = values();
    if (port.validity.badInput) return 'The port is not a number: enter a number from 1 to 65535, or leave it empty.';
    if (v.port && !(/^\d+$/.test(v.port) && Number(v.port) >= 1 && Number(v.port) <= 65535)) {
      return `Port ${v.port} is not a TCP port: enter a number from 1 to 65535, or leave it empty.`;
    }
    const bad = v.targets.find(t => {
      const match = TARGET.exec(t);
      return !match || Number(match[3]) < 1 || Number(match[3]) > 65535;
    });
    return bad === undefined ? null
      : `"${bad}" is not host:port: one a line, e.g. b0.kafka.example.com:9092 (an IPv6 address in brackets).`;
  };
  const refresh = () => {
    port.setAttribute('aria-invalid', /^(Port|The port)/.test(problem() || '') ? 'true' : 'false');
    equivalent(equivalentBox, commands.testConnectivity(clusterId, id, values()));
  };
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
  refresh();
  port.focus();

  /** Reads the connection every second until its test testId has ended; then shows it. */
  const follow = (testId, heading) => {
    const started = Date.now();
    run.disabled = true;
    status.textContent = 'Running…';
    const poll = async () => {
      if (closed) return;
      let test;
      try {
        test = (await page.api.connection(clusterId, id))?.connectivityTest;
      } catch (e) {
        if (closed) return;
        error.textContent = e.message;
        if (e.status !== 0 && e.status !== 503) {
          status.textContent = '';
          run.disabled = false;
          return;
        }
      }
      if (closed) return;
      if (test && test.testId === testId && test.state !== 'RUNNING') {
        error.textContent = '';
        status.textContent = '';
        run.disabled = false;
        showTest(result, heading, test);
        return;
      }
      if (Date.now() - started > POLL_GIVE_UP_MILLIS) {
        status.textContent = `Test ${testId} is still running; its result will show here when you open this dialog again.`;
        run.disabled = false;
        return;
      }
      timer = setTimeout(poll, POLL_MILLIS);
    };
    poll();
  };

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const wrong = problem();
    if (wrong) {
      error.textContent = wrong;
      return;
    }
    run.disabled = true;
    error.textContent = '';
    let test;
    try {
      test = await page.api.testConnectivity(clusterId, id, commands.connectivityBody(values()));
    } catch (e) {
      error.textContent = e.message;
      run.disabled = false;
      return;
    }
    if (closed) return;
    clear(result);
    follow(test.testId, 'This test');
  });

  // The connection's last test, if it has one (one still running is followed like a new one).
  page.api.connection(clusterId, id).then(c => {
    const last = c?.connectivityTest;
    if (closed || !last || result.hasChildNodes() || run.disabled) return;
    if (last.state === 'RUNNING') {
      follow(last.testId, 'Last test');
    } else {
      showTest(result, 'Last test', last);
    }
  }).catch(e => { if (!closed) error.textContent = e.message; });
}

/** A test's checks as a table (status, check, target, zone, observed, time), advice under a failed check, and its summary. */
function showTest(box, heading, test) {
  const checks = test.checks || [];
  const failed = checks.filter(c => c.status === 'FAIL').length;
  const skipped = checks.filter(c => c.status === 'SKIPPED').length;
  const count = n => `${n} check${n === 1 ? '' : 's'}`;
  const didFail = test.state === 'FAILED' || failed > 0;
  const summary = `Connectivity test ${test.testId} ${didFail ? `failed: ${failed} of ${count(checks.length)} failed`
    : `passed: ${count(checks.length)}`}${skipped ? ` (${skipped} skipped)` : ''}`;
  const asked = [test.port ? `port ${test.port}` : null, test.kafka ? 'Kafka' : null,
    ...(test.targets || []).map(t => `${t.host}:${t.port}`)].filter(Boolean).join(', ');
  clear(box,
    h('h3', {}, heading),
    h('p', {class: 'hint'}, h('span', {class: 'mono'}, test.testId), test.requestedBy ? ` · by ${test.requestedBy}` : '',
      test.requestTime ? ' · ' : '', test.requestTime ? h('time', {datetime: test.requestTime}, formatTime(test.requestTime)) : null,
      asked ? ` · ${asked}` : ''),
    h('p', {id: 'connectivity-summary', class: 'summary', dataset: {state: didFail ? 'FAILED' : 'PASSED'}},
      stateBadge(didFail ? 'FAILED' : 'PASSED'), ' ', summary),
    h('div', {style: 'overflow-x:auto'}, h('table', {class: 'checks', id: 'connectivity-checks'},
      h('thead', {}, h('tr', {}, ['Status', 'Check', 'Target', 'Zone', 'Observed', 'Time (ms)'].map(name => h('th', {scope: 'col'}, name)))),
      h('tbody', {}, checks.map(c => [
        h('tr', {dataset: {check: c.check || '', status: c.status || ''}},
          h('td', {}, stateBadge(c.status)), h('td', {class: 'mono nowrap'}, c.check || ''), h('td', {class: 'mono'}, c.target || ''),
          h('td', {class: 'mono nowrap'}, c.zoneId || ''), h('td', {}, c.observed || ''),
          h('td', {class: 'num'}, c.durationMillis ?? '')),
        c.status === 'FAIL' && c.advice ? h('tr', {class: 'advice'}, h('td', {colspan: 6}, h('strong', {}, 'Advice: '), c.advice)) : null,
      ])))));
}
