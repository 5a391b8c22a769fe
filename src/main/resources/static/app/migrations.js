// Migrations: create one from its YAML, follow its phases, backfill and lag, check a cut-over (dry run) and run the
// verbs, each after a confirmation; every cut-over's and rollback's freeze window on the timeline.
import {api} from './api.js';
import {duration, h, notice, number, replace, table, time} from './dom.js';

const PHASES = ['CREATED', 'BACKFILLING', 'CATCHING_UP', 'SHADOWING', 'READY', 'FREEZING', 'CUT_OVER', 'COMPLETED'];

const VERBS = {
  cutover: 'Cut over: freeze the intake at the broker, drain, re-verify, make the target the primary',
  rollback: 'Roll back: the source becomes the primary again (another short freeze)',
  complete: 'Complete: detach the old primary; no rollback after this',
  cancel: 'Cancel: drop the target\'s feed; the migration ends',
};

export function migrationsPage(root, session, args) {
  const definition = h('textarea', {name: 'definition', rows: 9, spellcheck: 'false',
    placeholder: 'id: modern-v2\nsource: legacy\ntarget: modern2\nbackfill: replay\nmax-freeze-ms: 5000'});
  const create = h('form', {id: 'migration-form'}, h('h2', {}, 'New migration'),
    h('p', {class: 'muted'}, 'Its YAML definition, as for migrate create (docs/MIGRATION.md).'), definition,
    h('p', {}, h('button', {type: 'submit'}, 'Create')));
  const list = h('section', {id: 'migration-list'});
  const detail = h('section', {id: 'migration'});
  const plan = h('section', {id: 'cutover-plan'});
  root.append(h('h1', {}, 'Migrations'), detail, plan, list, session.operator ? create : '');
  let shownId = args[0] || null;

  create.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const m = await api.postYaml('/api/migrations', definition.value);
      notice(`migration ${m.id} created: ${m.phase}`);
      window.location.hash = `#/migrations/${encodeURIComponent(m.id)}`;
    } catch (e) {
      notice(e.message, 'error');
    }
  });

  async function run(id, verb) {
    if (!window.confirm(`${VERBS[verb]}.\n\nMigration ${id}: go ahead?`)) {
      return;
    }
    try {
      const m = await api.post(`/api/migrations/${encodeURIComponent(id)}/${verb}`);
      notice(`${id}: ${m.phase}${m.freezeWindowMs !== null && m.freezeWindowMs !== undefined && (verb === 'cutover' || verb === 'rollback')
        ? `, freeze window ${number(m.freezeWindowMs)} ms` : ''}`);
      replace(plan);
      await refresh();
    } catch (e) {
      notice(e.message, 'error');
    }
  }

  async function dryRun(id) {
    try {
      const p = await api.post(`/api/migrations/${encodeURIComponent(id)}/cutover?dry-run=true`);
      replace(plan, h('h2', {}, `Cut-over check of ${p.migration}: `, h('span', {id: 'dry-run-verdict'}, p.verdict)),
        h('p', {}, `new primary ${p.newPrimary}, ${p.newShadow} stays fed as a shadow · estimated freeze `,
          h('strong', {id: 'estimated-freeze'}, `${number(p.estimatedFreezeMs)} ms`), ` of a ${number(p.maxFreezeMs)} ms budget`,
          p.lastFreezeWindowMs !== null && p.lastFreezeWindowMs !== undefined ? ` · last measured ${number(p.lastFreezeWindowMs)} ms` : ''),
        table(['store', 'lag to drain'], Object.entries(p.storeLags || {}).map(([s, l]) => h('tr', {}, h('td', {}, s), h('td', {class: 'num'}, number(l))))),
        h('p', {}, `keys to re-verify: ${number(p.changedKeys)} (changed since seq ${number(p.verifiedSeq)})`),
        h('ol', {class: 'steps'}, (p.steps || []).map(s => h('li', {}, s))));
    } catch (e) {
      replace(plan, h('h2', {}, 'Cut-over check: refused'), h('p', {class: 'error', id: 'dry-run-verdict'}, e.message));
    }
  }

  function timeline(m) {
    const reached = new Set((m.timeline || []).map(e => e.phase));
    const strip = h('ol', {class: 'phases'}, PHASES.map(p => h('li', {class: p === m.phase ? 'current' : reached.has(p) ? 'done' : ''},
      p.toLowerCase().replace('_', ' '))));
    const events = table(['when', 'phase', 'freeze window', 'message'], (m.timeline || []).map(e => h('tr', {class: 'event'},
      h('td', {}, time(e.at)), h('td', {}, e.phase),
      h('td', {class: 'num freeze'}, e.freezeWindowMs !== undefined && e.freezeWindowMs !== null ? `${number(e.freezeWindowMs)} ms` : ''),
      h('td', {class: 'reason'}, e.message || ''))), {class: 'timeline'});
    return [strip, events];
  }

  function show(m) {
    const verbs = session.operator ? [
      h('button', {type: 'button', 'data-action': 'dry-run', onclick: () => dryRun(m.id)}, 'Check cut-over (dry run)'),
      ...Object.keys(VERBS).map(v => h('button', {type: 'button', 'data-action': v, class: v === 'cancel' ? 'danger' : '',
        onclick: () => run(m.id, v)}, v === 'cutover' ? 'Cut over' : v[0].toUpperCase() + v.substring(1)))] : [];
    replace(detail,
      h('h2', {}, `${m.id}: ${m.source} → ${m.target} (${m.kind}, ${m.backfill} backfill) `,
        h('span', {class: `phase ${m.phase}`, id: 'migration-phase'}, m.phase)),
      timeline(m),
      h('div', {class: 'facts'},
        h('div', {}, h('span', {class: 'label'}, 'backfill'), h('progress', {max: 100, value: m.progressPercent || 0}),
          ` ${(m.progressPercent || 0).toFixed(1)}% · ${number(m.backfilled)} of ${number(m.backfillTotal)} · `,
          `${number(Math.round(m.ratePerSecond || 0))}/s · ETA ${duration(m.etaSeconds)}`),
        h('div', {}, h('span', {class: 'label'}, 'lag'), `target ${number(m.targetLag)} · primary ${number(m.primaryLag)} · log head ${number(m.logHead)}`),
        h('div', {}, h('span', {class: 'label'}, 'verification'), m.verification || '–',
          m.verifiedSeq !== null && m.verifiedSeq !== undefined ? ` · verified at seq ${number(m.verifiedSeq)}` : '',
          m.changedKeys ? ` · ${number(m.changedKeys)} keys changed since` : ''),
        h('div', {}, h('span', {class: 'label'}, 'freeze'), m.freezeWindowMs !== null && m.freezeWindowMs !== undefined
          ? h('span', {id: 'freeze-window'}, `last ${number(m.freezeWindowMs)} ms`) : 'no cut-over yet', ` · budget ${number(m.maxFreezeMs)} ms`),
        m.message ? h('div', {}, h('span', {class: 'label'}, 'status'), h('span', {id: 'migration-message'}, m.message)) : ''),
      h('p', {class: 'verbs'}, verbs));
  }

  async function refresh() {
    const all = await api.get('/api/migrations');
    replace(list, h('h2', {}, 'All migrations'), all.length ? table(['id', 'source → target', 'phase', 'backfill', 'updated'],
      all.map(m => h('tr', {}, h('td', {}, h('a', {href: `#/migrations/${encodeURIComponent(m.id)}`}, m.id)),
        h('td', {}, `${m.source} → ${m.target}`), h('td', {}, m.phase), h('td', {}, `${(m.progressPercent || 0).toFixed(0)}%`),
        h('td', {}, time(m.updatedAt)))), {class: 'migrations'}) : h('p', {class: 'muted'}, 'No migration yet.'));
    if (!shownId && all.length) {
      shownId = all[all.length - 1].id;
    }
    const m = all.find(x => x.id === shownId);
    if (m) {
      show(m);
    }
  }

  return {refresh, stop: () => {}, select: id => { shownId = id; }};
}
