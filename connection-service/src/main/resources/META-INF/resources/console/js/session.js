// The signed-in token: from the sign-in link's fragment (never sent to a server by the browser) or
// pasted, kept for this tab only.

const KEY = 'plc.console.token';

export function tokenFromLink() {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (!match) return null;
  const token = decodeURIComponent(match[1]);
  sessionStorage.setItem(KEY, token);
  history.replaceState(null, '', location.pathname + location.search + '#/');
  return token;
}

export function savedToken() {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token) {
  sessionStorage.setItem(KEY, token);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

/** The token's subject, for the header only (the server verifies the token; this reads, never trusts). */
export function subjectOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).sub || '';
  } catch {
    return '';
  }
}
