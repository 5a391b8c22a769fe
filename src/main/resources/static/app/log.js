// The command log: search by id, key, type and status, newest first; a command's outcome in every store.
import {api} from './api.js';
import {h, notice, number, replace, table, time} from './dom.js';

export function logPage(root, session, args) {
  const field = (name, label, attributes = {}) => h('label', {}, label, h('input', {name, autocomplete: 'off', ...attributes}));
  const status = h('select', {name: 'status'}, h('option', {value: ''}, 'any'), h('option', {value: 'ACCEPTED'}, 'accepted'),
    h('option', {value: 'REJECTED'}, 'rejected'));
  const form = h('form', {class: 'search', id: 'log-search'},
    field('id', 'command id'), field('key', 'key'), field('type', 'type', {placeholder: 'e.g. customer.renamed'}),
    h('label', {}, 'status', status), h('button', {type: 'submit'}, 'Search'));
  const results = h('section', {id: 'log-results'});
  const detail = h('section', {id: 'command'});
  root.append(h('h1', {}, 'Command log'), form, detail, results);
  let pages = [null];
  let shownId = args[0] || null;

  const query = () => {
    const data = new FormData(form);
    const params = new URLSearchParams({order: 'newest', limit: '50'});
    for (const name of ['id', 'key', 'type', 'status']) {
      const value = (data.get(name) || '').trim();
      if (value) {
        params.set(name, value);
      }
    }
    const before = pages[pages.length - 1];
    if (before !== null) {
      params.set('before', before);
    }
    return params;
  };

  async function search() {
    const page = await api.get(`/api/commands?${query()}`);
    const rows = page.commands.map(c => h('tr', {class: c.status === 'REJECTED' ? 'rejected' : '', dataset: {seq: c.seq}},
      h('td', {class: 'num'}, number(c.seq)),
      h('td', {}, c.commandId ? h('a', {href: `#/log/${encodeURIComponent(c.commandId)}`}, c.commandId) : h('span', {class: 'muted'}, '(no id)')),
      h('td', {}, c.type || ''), h('td', {}, c.key || ''), h('td', {}, c.status), h('td', {class: 'reason'}, c.reason || ''),
      h('td', {}, time(c.receivedAt))));
    replace(results,
      rows.length ? table(['seq', 'command', 'type', 'key', 'status', 'reason', 'received'], rows, {class: 'log'})
        : h('p', {class: 'muted'}, 'No command matches.'),
      h('p', {class: 'paging'},
        pages.length > 1 ? h('button', {type: 'button', class: 'quiet', onclick: () => { pages.pop(); search(); }}, '← Newer') : '',
        page.next ? h('button', {type: 'button', class: 'quiet', onclick: () => { pages.push(page.next); search(); }}, 'Older →') : ''));
  }

  async function showCommand() {
    if (!shownId) {
      replace(detail);
      return;
    }
    try {
      const command = await api.get(`/api/commands/${encodeURIComponent(shownId)}`);
      replace(detail, h('h2', {}, `Command ${command.id}`), command.logged.map(({entry, stores}) => h('div', {class: 'entry'},
        h('p', {}, `seq ${number(entry.seq)} · ${entry.type || '?'} · key ${entry.key || '?'} · ${entry.status}`,
          entry.reason ? ` · ${entry.reason}` : '', ` · from ${entry.source || '?'} · received ${time(entry.receivedAt)}`),
        table(['store', 'outcome', 'detail'], stores.map(o => h('tr', {class: `outcome ${o.state}`, dataset: {store: o.store}},
          h('td', {}, o.store), h('td', {}, o.state), h('td', {class: 'reason'}, o.reason || '')))),
        h('details', {}, h('summary', {}, 'body'), h('pre', {}, entry.body || '')))));
    } catch (e) {
      replace(detail, h('p', {class: 'muted'}, e.message));
    }
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    pages = [null];
    search().catch(e => notice(e.message, 'error'));
  });

  return {
    refresh: async () => {
      await showCommand();
      if (pages.length === 1) {
        await search();
      }
    },
    stop: () => {},
    select: id => { shownId = id; },
  };
}
