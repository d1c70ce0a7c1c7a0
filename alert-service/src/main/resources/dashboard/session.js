// Session: the bearer token lives in sessionStorage (gone when the tab closes); the JWT payload is decoded for display only.
const KEY = 'rusvarsel.token';

// Where the OIDC provider's tokens carry their roles, and how their values map to roles (from the sign-in settings).
let provider = null;
export function useProviderRoles(config) {
  provider = config && config.oidc ? { issuer: config.issuer, claim: config.rolesClaim || 'roles', mapping: config.roleMapping || {} } : null;
}

function at(claims, path) {
  if (path in claims) return claims[path];
  return path.split('.').reduce((node, name) => (node && typeof node === 'object' ? node[name] : undefined), claims);
}

function rolesOf(c) {
  const fromProvider = provider && c.iss === provider.issuer;
  const raw = at(c, fromProvider ? provider.claim : 'roles');
  const values = Array.isArray(raw) ? raw.filter(v => typeof v === 'string') : (typeof raw === 'string' ? [raw] : []);
  if (!fromProvider || Object.keys(provider.mapping).length === 0) return values;
  return [...new Set(values.flatMap(v => provider.mapping[v] || []))];
}

export function token() { return sessionStorage.getItem(KEY); }
export function signIn(raw) { sessionStorage.setItem(KEY, raw.trim().replace(/^Bearer\s+/i, '')); }
export function signOut() { sessionStorage.removeItem(KEY); }

/** {sub, roles, exp} from the token's payload, or null if it is not a readable JWT. Not a security check: the server decides. */
export function claims(t = token()) {
  if (!t) return null;
  const parts = t.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '='));
    const c = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, ch => ch.charCodeAt(0))));
    const roles = rolesOf(c);
    return { sub: c.sub || c.preferred_username || 'unknown', roles, exp: c.exp ? new Date(c.exp * 1000) : null };
  } catch (e) {
    return null;
  }
}

export function isOperator(c = claims()) { return !!c && (c.roles.includes('OPERATOR') || c.roles.includes('ADMIN')); }
export function mainRole(c = claims()) {
  if (!c) return '';
  return ['ADMIN', 'OPERATOR', 'ANALYST'].find(r => c.roles.includes(r)) || c.roles[0] || 'NO ROLE';
}
