// Sign-in with the organisation's OIDC provider: authorization code flow with PKCE (S256) as a public client, no secret.
// The provider's access token ends up in the session exactly like a pasted token.
const PENDING = 'rusvarsel.oidc.pending';

/** The provider's settings from this origin (GET /api/v1/dashboard/sign-in); {oidc: false} when off or unreachable. */
export async function signInConfig() {
  try {
    const res = await fetch('/api/v1/dashboard/sign-in', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    return res.ok ? await res.json() : { oidc: false };
  } catch (e) {
    return { oidc: false };
  }
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function discovery(issuer) {
  const url = issuer.replace(/\/+$/, '') + '/.well-known/openid-configuration';
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    throw new Error(`The sign-in provider (${issuer}) cannot be reached.`);
  }
  if (!res.ok) throw new Error(`The sign-in provider answered ${res.status} for its configuration.`);
  const doc = await res.json();
  if (!doc.authorization_endpoint || !doc.token_endpoint) throw new Error('The sign-in provider publishes no authorization or token endpoint.');
  return doc;
}

/** The address the provider sends the person back to: this page without query or fragment. */
function redirectUri() { return location.origin + location.pathname; }

/** Leaves for the provider's login page; comes back to this page with ?code=…&state=… (or ?error=…). */
export async function startSignIn(config) {
  if (!window.crypto || !crypto.subtle) throw new Error('This browser cannot sign in securely here (no WebCrypto; use https).');
  const provider = await discovery(config.issuer);
  const verifier = randomString(32);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({
    state, verifier, redirectUri: redirectUri(), tokenEndpoint: provider.token_endpoint, hash: location.hash || '#/alerts'
  }));
  const url = new URL(provider.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', (config.scopes || ['openid']).join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

/** Whether this page load is the provider sending the person back. */
export function isReturn() {
  const q = new URLSearchParams(location.search);
  return q.has('code') || q.has('error');
}

/**
 * Finishes a return from the provider: checks the state, exchanges the code (with the PKCE verifier) for tokens and
 * cleans the URL. Resolves to the access token; rejects with an Error whose message is meant for the person.
 */
export async function completeSignIn(config) {
  const q = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + (pending && pending.hash ? pending.hash : '#/alerts'));
  if (q.has('error')) {
    const why = q.get('error_description') || q.get('error');
    throw new Error(`The sign-in provider refused the sign-in: ${why}.`);
  }
  if (!pending || !q.get('state') || q.get('state') !== pending.state) {
    throw new Error('The sign-in answer does not match a sign-in started in this tab (state mismatch). Please sign in again.');
  }
  const body = new URLSearchParams({
    grant_type: 'authorization_code', code: q.get('code'), redirect_uri: pending.redirectUri,
    client_id: config.clientId, code_verifier: pending.verifier
  });
  let res;
  try {
    res = await fetch(pending.tokenEndpoint, { method: 'POST', body, headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    throw new Error('The sign-in provider\'s token endpoint cannot be reached.');
  }
  let answer = null;
  try { answer = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok || !answer || !answer.access_token) {
    const why = answer && (answer.error_description || answer.error);
    throw new Error(`The sign-in provider did not issue a token (${res.status}${why ? ': ' + why : ''}).`);
  }
  return answer.access_token;
}
