// Throughput: commands received, accepted and rejected per second, and what the inline verifier compared.
import {api} from './api.js';
import {lineChart} from './charts.js';
import {h, number, replace, table} from './dom.js';

export function throughputPage(root) {
  const figures = h('section', {id: 'rates'});
  const charts = h('section', {class: 'charts'});
  const inline = h('section', {id: 'inline'});
  root.append(h('h1', {}, 'Throughput'), figures, charts, inline);
  const commands = lineChart(charts, 'Commands per second', ['received', 'accepted', 'rejected'], 'cmd/s');

  async function refresh() {
    const [throughput, verifier] = await Promise.all([api.get('/api/throughput?seconds=600'), api.get('/api/verifications/inline')]);
    const seconds = throughput.seconds;
    commands.update(seconds.map(s => s.at),
      [seconds.map(s => s.received), seconds.map(s => s.accepted), seconds.map(s => s.rejected)]);
    const last = seconds.slice(-10);
    const mean = pick => last.length ? Math.round(last.reduce((sum, s) => sum + pick(s), 0) / last.length) : 0;
    replace(figures, h('p', {class: 'big'},
      h('span', {id: 'received-rate'}, `${number(mean(s => s.received))}/s received`), ' · ',
      `${number(mean(s => s.accepted))}/s accepted`, ' · ', `${number(mean(s => s.rejected))}/s rejected`,
      h('span', {class: 'muted'}, ' (last 10 s)')));
    replace(inline, h('h2', {}, 'Inline verifier'),
      h('p', {}, verifier.enabled ? `every command compared (sample rate ${verifier.sampleRate}), ${number(verifier.queued)} queued` : 'off'),
      table(['primary → shadow', 'compared', 'mismatches', 'deferred', 'dropped', ''], (verifier.pairs || []).map(p => h('tr', {},
        h('td', {}, `${p.primary} → ${p.shadow}`), h('td', {class: 'num'}, number(p.compared)), h('td', {class: 'num'}, number(p.mismatches)),
        h('td', {class: 'num'}, number(p.deferred)), h('td', {class: 'num'}, number(p.dropped)), h('td', {class: 'reason'}, p.inactive || '')))));
  }

  return {refresh, stop: () => commands.destroy()};
}
