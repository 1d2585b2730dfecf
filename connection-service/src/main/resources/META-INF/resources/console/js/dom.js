// Builds elements from data without ever parsing it as HTML: every value from the API is text.

/** h('button', {class: 'primary', onclick: fn}, 'Save') */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A value with a copy button; the button says so when it has copied. */
export function copyRow(label, value) {
  const button = h('button', {type: 'button', class: 'small', 'aria-label': `Copy ${label}`}, 'Copy');
  button.addEventListener('click', async () => {
    await copyText(value);
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  });
  return h('div', {class: 'copy-row'}, h('span', {}, label + ':'), h('code', {}, value), button);
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (no secure context): the selection fallback.
    const area = h('textarea', {style: 'position:fixed;left:-9999px'});
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

export function stateBadge(state, message) {
  return h('span', {class: 'badge', dataset: {state: state || ''}, title: message || undefined,
    'aria-label': message ? `${state}: ${message}` : undefined}, state || '?');
}

/** The API's failureReason codes in words (an unknown code is shown as it is). */
const FAILURE_REASONS = {
  SERVICE_NOT_VISIBLE: 'Service not visible to the platform account',
  SERVICE_IN_ANOTHER_REGION: 'Service in another region',
  NO_SHARED_ZONE: 'No availability zone shared with the cluster',
  CREATE_REFUSED: 'The cloud refused the endpoint',
  REJECTED_BY_OWNER: "Rejected by the service's owner",
  ACCEPTANCE_EXPIRED: 'Not accepted before the deadline',
  SERVICE_DELETED: 'Endpoint service deleted',
  ENDPOINT_REMOVED_OUTSIDE: 'Endpoint deleted outside this system',
  ENDPOINT_FAILED: 'Endpoint failed in the cloud'};

/** Below a state: why it FAILED, or until when the owner may accept; nothing otherwise. */
export function stateNote(c) {
  if (c.failureReason) {
    return h('small', {class: 'state-note', dataset: {failureReason: c.failureReason}},
      FAILURE_REASONS[c.failureReason] || c.failureReason);
  }
  if (c.acceptanceDeadline) {
    return h('small', {class: 'state-note', dataset: {acceptanceDeadline: c.acceptanceDeadline}},
      'Accept by ', h('time', {datetime: c.acceptanceDeadline}, formatTime(c.acceptanceDeadline)));
  }
  return null;
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
