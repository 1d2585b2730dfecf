// The console's entry point: sign-in, the caller's clusters, and the cluster's networking page.
import {h, clear} from './dom.js';
import {Api, ApiError, settings as loadSettings} from './api.js';
import * as session from './session.js';
import {ConnectionsPage} from './connections-page.js';

const main = document.getElementById('main');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');
let current = null;
let context = null;

async function boot() {
  const token = session.tokenFromLink() || session.savedToken();
  const settings = await loadSettings();
  if (!token) return signIn(settings);
  const api = new Api(token);
  try {
    const clusters = await api.clusters();
    context = {api, token, settings, clusters};
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      session.forget();
      return signIn(settings, e.message);
    }
    clear(main, h('div', {class: 'error', role: 'alert'}, e.message));
    return;
  }
  who.textContent = session.subjectOf(token);
  signOut.hidden = false;
  window.addEventListener('hashchange', route);
  route();
}

function signIn(settings, message) {
  const token = h('textarea', {id: 'token', rows: 4, required: true, spellcheck: 'false', autocomplete: 'off'});
  const error = h('div', {class: 'error', role: 'alert'}, message || '');
  const button = h('button', {type: 'submit', class: 'primary', id: 'sign-in'}, 'Sign in');
  const form = h('form', {class: 'card signin'},
    h('h1', {}, 'Sign in'),
    h('p', {class: 'hint'}, 'Paste an access token of the platform. The local stack prints a link that signs the demo user in.'),
    h('div', {class: 'field'}, h('label', {for: 'token'}, 'Access token'), token),
    error, h('div', {class: 'actions'}, button));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    try {
      await new Api(token.value.trim()).clusters();
      session.saveToken(token.value.trim());
      location.hash = '#/';
      location.reload();
    } catch (e) {
      error.textContent = e.message;
      button.disabled = false;
    }
  });
  clear(main, form);
  token.focus();
}

function route() {
  current?.close();
  current = null;
  const match = /^#\/clusters\/([^/]+)/.exec(location.hash);
  if (!match) return clusterList();
  const cluster = context.clusters.find(c => c.clusterId === decodeURIComponent(match[1]));
  if (!cluster) {
    clear(main, h('div', {class: 'error', role: 'alert'}, `Cluster ${decodeURIComponent(match[1])} was not found among your projects' clusters.`),
      h('a', {href: '#/'}, 'Your clusters'));
    return;
  }
  document.title = `Networking · ${cluster.clusterId} · Private Link Connections`;
  current = new ConnectionsPage(main, {...context, cluster});
  main.focus();
}

function clusterList() {
  document.title = 'Clusters · Private Link Connections';
  const clusters = context.clusters;
  clear(main, h('h1', {}, 'Your clusters'),
    clusters.length === 0 ? h('p', {class: 'empty'}, 'No clusters in your projects.')
      : h('ul', {class: 'clusters plain', id: 'clusters'}, clusters.map(c => h('li', {class: 'card'},
        h('a', {href: `#/clusters/${encodeURIComponent(c.clusterId)}`, dataset: {cluster: c.clusterId}}, `Cluster ${c.clusterId}`),
        h('div', {class: 'hint'}, `${c.cloudProvider} ${c.region} · project ${c.projectId} · ${c.role.toLowerCase()}`)))));
}

signOut.addEventListener('click', () => {
  session.forget();
  location.hash = '';
  location.reload();
});

boot().catch(e => clear(main, h('div', {class: 'error', role: 'alert'}, `The console could not start: ${e.message}`)));
