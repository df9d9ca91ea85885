// The hixai2api admin console: sign-in, pages by URL hash, live status, sign-out. Static files only: every
// call goes to the gateway's existing admin API (backend secret) or its /v1 API (the playground's API key).
import {UNAUTHORIZED, verifySecret} from './api.js';
import {createCookiePage} from './cookies.js';
import {$, notice} from './dom.js';
import {createKeyPage} from './keys.js';
import {createPlayground} from './playground.js';
import {session} from './session.js';
import {createStatusStrip} from './status.js';

const status = createStatusStrip();
const pages = {
  cookies: createCookiePage({onChange: () => status.refresh()}),
  keys: createKeyPage(),
  playground: createPlayground(),
};
const DEFAULT_PAGE = 'cookies';

function currentPage() {
  const name = location.hash.slice(1);
  return Object.hasOwn(pages, name) ? name : DEFAULT_PAGE;
}

function showPage() {
  const name = currentPage();
  for (const page of Object.keys(pages)) {
    $('view-' + page).hidden = page !== name;
  }
  for (const link of document.querySelectorAll('.tabs a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${$('view-' + name).querySelector('h2').textContent} · hixai2api console`;
  pages[name].show();
}

function enter() {
  $('sign-in').hidden = true;
  $('app').hidden = false;
  status.start();
  showPage();
}

/** Back to sign-in; nothing of the session stays in the tab or on screen. */
function leave(message) {
  session.clear();
  status.reset();
  for (const page of Object.values(pages)) page.reset();
  $('app').hidden = true;
  $('sign-in').hidden = false;
  document.title = 'Sign in · hixai2api console';
  notice($('sign-in-error'), 'error', message || '');
  $('secret-input').focus();
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('secret-input');
  const button = $('sign-in-button');
  const secret = input.value.trim();
  input.value = '';
  if (!secret) {
    notice($('sign-in-error'), 'error', 'Enter the backend secret.');
    return;
  }
  button.disabled = true;
  try {
    if (await verifySecret(secret)) {
      session.setSecret(secret);
      notice($('sign-in-error'), '', '');
      enter();
    } else {
      notice($('sign-in-error'), 'error', 'The secret was not accepted.');
      input.focus();
    }
  } catch (error) {
    notice($('sign-in-error'), 'error', error.message);
  } finally {
    button.disabled = false;
  }
});

$('sign-out').addEventListener('click', () => leave());
window.addEventListener(UNAUTHORIZED, () => leave('The secret is no longer accepted: sign in again.'));
window.addEventListener('hashchange', () => {
  if (session.secret()) showPage();
});

async function start() {
  const secret = session.secret();
  if (!secret) {
    leave();
    return;
  }
  try {
    if (await verifySecret(secret)) enter();
    else leave('The secret is no longer accepted: sign in again.');
  } catch (error) {
    leave();
    notice($('sign-in-error'), 'error', error.message);
  }
}

start();
