// The dashboard: one page per hash (#/stores, #/log, ...), each refreshed from the REST API while it is shown.
import {api} from './api.js';
import {notice, number, replace} from './dom.js';
import {storesPage} from './stores.js';
import {logPage} from './log.js';
import {verificationsPage} from './verifications.js';
import {migrationsPage} from './migrations.js';
import {throughputPage} from './throughput.js';

const pages = {
  stores: storesPage,
  log: logPage,
  verifications: verificationsPage,
  migrations: migrationsPage,
  throughput: throughputPage,
};

const session = {user: null, operator: false};
let current = null;
let currentName = null;

async function show() {
  const [name, ...rest] = (window.location.hash.replace(/^#\/?/, '') || 'stores').split('/');
  const page = pages[name] ? name : 'stores';
  const args = rest.map(decodeURIComponent);
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page));
  if (current && page === currentName && current.select) {
    // Another item of the same page (a command, a verification, a migration): the page and what was typed stay.
    current.select(args[0] || null);
    await current.refresh().catch(e => notice(e.message, 'error'));
    return;
  }
  if (current) {
    current.stop();
  }
  const root = document.getElementById('page');
  replace(root);
  current = pages[page](root, session, args);
  currentName = page;
  await current.refresh().catch(e => notice(e.message, 'error'));
}

async function header() {
  try {
    const stores = await api.get('/api/stores');
    const head = stores.length ? stores[0].head : 0;
    document.getElementById('head').textContent = `log head ${number(head)}`;
  } catch (e) {
    document.getElementById('head').textContent = '';
  }
}

async function start() {
  const me = await api.get('/api/me');
  session.user = me.user;
  session.operator = me.roles.includes('operator');
  document.getElementById('user').textContent = `${me.user} (${session.operator ? 'operator' : 'viewer'})`;
  document.getElementById('logout').addEventListener('click', () => api.logout());
  window.addEventListener('hashchange', show);
  await show();
  header();
  setInterval(() => {
    header();
    if (current && !document.hidden) {
      current.refresh().catch(e => notice(e.message, 'error'));
    }
  }, 2000);
}

start().catch(e => notice(e.message, 'error'));
