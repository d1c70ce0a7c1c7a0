// Entry point: sign-in (the organisation's OIDC provider when configured, or a pasted token), role display, hash routing.
import { token, signIn, signOut, claims, isOperator, mainRole, useProviderRoles } from './session.js';
import { signInConfig, startSignIn, isReturn, completeSignIn } from './oidc.js';
import { esc } from './format.js';
import { alertsView } from './alerts.js';
import { alertDetailView } from './alert-detail.js';
import { situationView } from './situation.js';
import { pipelineView } from './pipeline.js';

const main = document.getElementById('main');
let leave = null;
const config = await signInConfig();
useProviderRoles(config);
let signInMessage = null; // why the last sign-in with the provider failed, shown once on the sign-in view

function signInView() {
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  main.innerHTML = `
    <section class="panel" aria-labelledby="signin-title">
      <h2 id="signin-title">Sign in</h2>
      <p id="oidc-error" class="error" role="alert" hidden></p>
      ${config.oidc ? `
      <p>Sign in with your organisation's account.</p>
      <p><button class="primary" type="button" id="oidc-signin-button">Sign in with your organisation</button></p>
      <h3>Or paste a token</h3>` : ''}
      <p>Paste your bearer token (JWT). With the dev stack, tokens for ANALYST, OPERATOR and ADMIN are in
         <code>.devstack/credentials.json</code>. The token is kept only in this browser tab.</p>
      <form id="signin-form">
        <label for="token-input">Bearer token</label>
        <textarea id="token-input" name="token" rows="4" required autocomplete="off" spellcheck="false"></textarea>
        <p id="signin-error" class="error" role="alert" hidden></p>
        <button class="primary" type="submit" id="signin-button">Sign in</button>
      </form>
    </section>`;
  const oidcError = document.getElementById('oidc-error');
  if (signInMessage) { oidcError.textContent = signInMessage; oidcError.hidden = false; signInMessage = null; }
  const form = document.getElementById('signin-form');
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const raw = document.getElementById('token-input').value;
    const c = claims(raw.trim().replace(/^Bearer\s+/i, ''));
    const error = document.getElementById('signin-error');
    if (!c) { error.textContent = 'That is not a JWT (three dot-separated parts).'; error.hidden = false; return; }
    if (c.exp && c.exp < new Date()) { error.textContent = 'That token has expired.'; error.hidden = false; return; }
    signIn(raw);
    if (!location.hash || location.hash === '#/' || location.hash === '#/signin') location.hash = '#/alerts';
    route();
  });
  const oidcButton = document.getElementById('oidc-signin-button');
  if (oidcButton) {
    oidcButton.addEventListener('click', async () => {
      oidcButton.disabled = true;
      oidcError.hidden = true;
      try {
        await startSignIn(config); // leaves the page
      } catch (e) {
        oidcError.textContent = e.message;
        oidcError.hidden = false;
        oidcButton.disabled = false;
      }
    });
    oidcButton.focus();
  } else {
    document.getElementById('token-input').focus();
  }
}

function chrome() {
  const c = claims();
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = c.sub;
  const role = document.getElementById('who-role');
  role.textContent = mainRole(c);
  role.setAttribute('aria-label', 'Role: ' + mainRole(c));
  for (const a of document.querySelectorAll('[data-role="operator"]')) a.hidden = !isOperator(c);
}

function route() {
  if (leave) { leave(); leave = null; }
  const c = claims();
  if (!token() || !c) { signInView(); return; }
  chrome();
  const hash = location.hash || '#/alerts';
  const [, view, id] = hash.split('/');
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.nav === (view || 'alerts')) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (view === 'alerts' && id) leave = alertDetailView(main, decodeURIComponent(id));
  else if (view === 'situation') leave = situationView(main);
  else if (view === 'pipeline') leave = isOperator(c) ? pipelineView(main)
    : (main.innerHTML = '<p class="notice">Pipeline health is for operators.</p>', null);
  else leave = alertsView(main);
  document.title = `Rusvarsel — ${esc(view || 'alerts')}`;
}

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', () => { route(); main.focus(); });
if (isReturn()) {
  // back from the provider's login page: exchange the code for the token, then continue where the person was
  main.innerHTML = '<p class="loading">Signing you in…</p>';
  try {
    if (!config.oidc) throw new Error('Sign-in with an organisation account is not configured for this dashboard.');
    signIn(await completeSignIn(config));
  } catch (e) {
    signInMessage = e.message;
    history.replaceState(null, '', location.pathname + '#/alerts');
  }
}
route();
