// Stores: role, converter, checkpoint and lag of each; pause and resume; the apply rate and lag over time; the
// commands a store parked, with retry and skip.
import {api} from './api.js';
import {lineChart} from './charts.js';
import {h, notice, number, replace, table, time} from './dom.js';

export function storesPage(root, session) {
  const list = h('section', {id: 'stores'});
  const parked = h('section', {id: 'parked'});
  const charts = h('section', {class: 'charts'});
  root.append(h('h1', {}, 'Stores'), list, charts, parked);
  const rate = lineChart(charts, 'Commands applied per second', [], 'cmd/s');
  const lag = lineChart(charts, 'Lag (log head − checkpoint)', [], 'commands');
  let openParked = null;

  async function act(store, verb) {
    try {
      await api.post(`/api/stores/${encodeURIComponent(store)}/${verb}`);
      notice(`store ${store}: ${verb === 'pause' ? 'paused: its commands wait in its queue' : 'resumed'}`);
      await refresh();
    } catch (e) {
      notice(e.message, 'error');
    }
  }

  function row(s) {
    const state = s.paused ? 'paused' : s.reachable ? 'running' : 'down';
    const problems = [];
    if (s.failing) {
      problems.push(`stuck at seq ${number(s.failing.seq)}: ${s.failing.reason}`);
    }
    if (s.delivery === 'at-least-once') {
      problems.push('write-only feed, at-least-once, not verifiable');
    }
    const actions = [];
    if (session.operator) {
      actions.push(s.paused
        ? h('button', {type: 'button', onclick: () => act(s.name, 'resume'), 'data-action': 'resume'}, 'Resume')
        : h('button', {type: 'button', onclick: () => act(s.name, 'pause'), 'data-action': 'pause'}, 'Pause'));
    }
    actions.push(h('button', {type: 'button', class: 'quiet', 'data-action': 'parked',
      onclick: () => { openParked = s.name; showParked(); }}, `Parked (${number(s.parkedKeys)} keys)`));
    return h('tr', {dataset: {store: s.name}},
      h('td', {class: 'name'}, s.name), h('td', {}, s.role), h('td', {}, s.connector), h('td', {}, s.converter),
      h('td', {class: `state ${state}`}, state), h('td', {class: 'num checkpoint'}, number(s.checkpoint)),
      h('td', {class: 'num lag'}, number(s.lag)), h('td', {class: 'problem'}, problems.join('; ')),
      h('td', {class: 'actions'}, actions));
  }

  async function showParked() {
    if (!openParked) {
      replace(parked);
      return;
    }
    const store = openParked;
    let page;
    try {
      page = await api.get(`/api/stores/${encodeURIComponent(store)}/parked?limit=100`);
    } catch (e) {
      replace(parked, h('h2', {}, `Parked in ${store}`), h('p', {class: 'muted'}, e.message));
      return;
    }
    const retry = key => api.post(`/api/stores/${encodeURIComponent(store)}/parked/retry`, key ? {key} : {})
      .then(r => { notice(`retry: ${r.applied} applied, ${r.stillParked} still parked${r.reason ? ' (' + r.reason + ')' : ''}`); return refresh(); })
      .catch(e => notice(e.message, 'error'));
    const skip = seq => {
      const reason = window.prompt(`Skip seq ${seq} in ${store}: why? (recorded with the command)`);
      if (!reason) {
        return;
      }
      api.post(`/api/stores/${encodeURIComponent(store)}/parked/${seq}/skip`, {reason})
        .then(() => { notice(`seq ${seq} skipped in ${store}`); return refresh(); })
        .catch(e => notice(e.message, 'error'));
    };
    const rows = page.commands.map(p => h('tr', {},
      h('td', {class: 'num'}, number(p.seq)), h('td', {}, p.commandId), h('td', {}, p.type), h('td', {}, p.key),
      h('td', {}, p.state), h('td', {class: 'reason'}, p.reason + (p.skipReason ? ` (skipped: ${p.skipReason})` : '')),
      h('td', {}, time(p.parkedAt)),
      h('td', {}, session.operator && p.state === 'PARKED' ? [
        h('button', {type: 'button', onclick: () => retry(p.key)}, 'Retry key'),
        h('button', {type: 'button', class: 'quiet', onclick: () => skip(p.seq)}, 'Skip…')] : '')));
    replace(parked,
      h('h2', {}, `Parked in ${store}: ${number(page.parkedNow)} command(s)`),
      session.operator && page.parkedNow > 0
        ? h('p', {}, h('button', {type: 'button', onclick: () => retry(null)}, 'Retry every parked key in seq order')) : '',
      page.commands.length
        ? table(['seq', 'command', 'type', 'key', 'state', 'reason', 'parked at', ''], rows)
        : h('p', {class: 'muted'}, 'Nothing parked: every command this store was given is applied.'),
      h('button', {type: 'button', class: 'quiet', onclick: () => { openParked = null; showParked(); }}, 'Close'));
  }

  async function refresh() {
    const [stores, throughput] = await Promise.all([api.get('/api/stores'), api.get('/api/throughput?seconds=300')]);
    replace(list, table(['store', 'role', 'connector', 'converter', 'state', 'checkpoint', 'lag', 'problem', ''],
      stores.map(row), {class: 'stores'}));
    const names = stores.map(s => s.name);
    const seconds = throughput.seconds;
    const times = seconds.map(s => s.at);
    rate.update(times, names.map(n => seconds.map(s => s.stores[n] ? s.stores[n].applied : null)), names);
    lag.update(times, names.map(n => seconds.map(s => s.stores[n] ? s.stores[n].lag : null)), names);
    await showParked();
  }

  return {refresh, stop: () => { rate.destroy(); lag.destroy(); }};
}
