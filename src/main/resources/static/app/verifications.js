// Verifications: start one, follow its progress, read the differences side by side.
import {api} from './api.js';
import {h, notice, number, replace, table, time} from './dom.js';

export function verificationsPage(root, session, args) {
  const source = h('select', {name: 'source'});
  const target = h('select', {name: 'target'});
  const entity = h('input', {name: 'entity', placeholder: 'every entity', autocomplete: 'off'});
  const form = h('form', {class: 'search', id: 'verify-form'},
    h('label', {}, 'source', source), h('label', {}, 'target', target), h('label', {}, 'entity', entity),
    h('button', {type: 'submit', disabled: !session.operator}, 'Verify'));
  const list = h('section', {id: 'verification-list'});
  const detail = h('section', {id: 'verification'});
  root.append(h('h1', {}, 'Verifications'), form, detail, list);
  let shownId = args[0] || null;
  let storesLoaded = false;

  async function loadStores() {
    const stores = (await api.get('/api/stores')).filter(s => s.verifiable !== false);
    const options = stores.map(s => h('option', {value: s.name}, `${s.name} (${s.role})`));
    replace(source, options.map(o => o.cloneNode(true)));
    replace(target, options.map(o => o.cloneNode(true)));
    const primary = stores.find(s => s.role === 'primary');
    const shadow = stores.find(s => s.role === 'shadow');
    if (primary) {
      source.value = primary.name;
    }
    if (shadow) {
      target.value = shadow.name;
    }
    storesLoaded = true;
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const body = {source: source.value, target: target.value};
      if (entity.value.trim()) {
        body.entity = entity.value.trim();
      }
      const report = await api.post('/api/verifications', body);
      shownId = report.id;
      window.location.hash = `#/verifications/${encodeURIComponent(report.id)}`;
      await refresh();
    } catch (e) {
      notice(e.message, 'error');
    }
  });

  function sideBySide(d) {
    const columns = [...new Set([...Object.keys(d.source || {}), ...Object.keys(d.target || {})])];
    return h('div', {class: 'difference', dataset: {key: d.key, kind: d.kind}},
      h('h3', {}, `${d.entity} ${d.key}: ${d.kind.toLowerCase()}`, d.columns && d.columns.length ? ` (${d.columns.join(', ')})` : '',
        ` at seq ${number(d.comparedAtSeq)}`),
      table(['column', `source`, `target`], columns.map(c => h('tr', {class: d.columns && d.columns.includes(c) ? 'differs' : ''},
        h('td', {}, c),
        h('td', {class: 'value source'}, d.source ? String(d.source[c] ?? '∅') : '(no row)'),
        h('td', {class: 'value target'}, d.target ? String(d.target[c] ?? '∅') : '(no row)'))), {class: 'side-by-side'}));
  }

  function showReport(r) {
    const running = r.state === 'RUNNING';
    replace(detail,
      h('h2', {}, `${r.source} → ${r.target}${r.entity ? ' (' + r.entity + ')' : ''}: `,
        h('span', {class: `outcome ${r.outcome || r.state}`, id: 'verification-outcome'}, r.outcome || r.state)),
      h('p', {}, r.summary || r.phase || '', r.error ? ` · ${r.error}` : ''),
      running ? h('p', {class: 'progress'}, h('progress', {}), ` ${r.phase || 'reading both stores'}`) : '',
      table(['entity', 'source rows', 'target rows', 'matched', 'missing', 'extra', 'different', 'in flight', 'parked'],
        (r.entities || []).map(e => h('tr', {},
          h('td', {}, e.entity), h('td', {class: 'num'}, number(e.sourceRows)), h('td', {class: 'num'}, number(e.targetRows)),
          h('td', {class: 'num'}, number(e.matched)), h('td', {class: 'num'}, number(e.missing)), h('td', {class: 'num'}, number(e.extra)),
          h('td', {class: 'num'}, number(e.different)), h('td', {class: 'num'}, number(e.inFlight)), h('td', {class: 'num'}, number(e.parked))))),
      (r.differences || []).length ? [h('h2', {}, `Differences (first ${r.differences.length} of ${number(r.differenceCount)})`),
        h('div', {id: 'differences'}, r.differences.map(sideBySide))] : '',
      (r.parkedKeys || []).length ? h('p', {}, `Not compared, a command of theirs is parked: ${r.parkedKeys.join(', ')}`) : '');
  }

  async function refresh() {
    if (!storesLoaded) {
      await loadStores();
    }
    const all = await api.get('/api/verifications');
    replace(list, h('h2', {}, 'Recent'), all.length ? table(['id', 'source → target', 'state', 'outcome', 'started', 'summary'],
      all.slice().reverse().map(r => h('tr', {},
        h('td', {}, h('a', {href: `#/verifications/${encodeURIComponent(r.id)}`}, r.id)), h('td', {}, `${r.source} → ${r.target}`),
        h('td', {}, r.state), h('td', {}, r.outcome || ''), h('td', {}, time(r.startedAt)), h('td', {class: 'reason'}, r.summary || ''))),
      {class: 'verifications'}) : h('p', {class: 'muted'}, 'No verification yet.'));
    if (shownId) {
      showReport(await api.get(`/api/verifications/${encodeURIComponent(shownId)}`));
    }
  }

  return {refresh, stop: () => {}, select: id => { shownId = id; }};
}
