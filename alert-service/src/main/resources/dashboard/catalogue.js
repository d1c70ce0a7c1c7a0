// County and substance-class names, fetched once per session.
import { api } from './api.js';

let cached = null;
export async function catalogue() {
  if (!cached) cached = api('/api/v1/dashboard/catalogue').catch(e => { cached = null; throw e; });
  return cached;
}
export function regionName(cat, code) {
  const all = [...(cat?.counties || []), ...(cat?.municipalities || [])];
  const r = all.find(x => x.code === code);
  return r ? `${r.name} (${code})` : code;
}
