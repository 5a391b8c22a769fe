// Line charts over time with uPlot (served from its WebJar: no CDN, no build step).
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import {h} from './dom.js';

const COLOURS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04'];

/** A chart of per-second values; update() takes the seconds' epoch-ms times and one array per series. */
export function lineChart(parent, title, names, unit) {
  const box = h('div', {class: 'chart'});
  parent.append(box);
  let plot = null;
  let shownNames = null;
  const build = (seriesNames, data) => {
    if (plot) {
      plot.destroy();
    }
    const width = Math.max(320, Math.min(box.clientWidth || 900, 1200));
    plot = new uPlot({
      title, width, height: 220,
      scales: {x: {time: true}},
      axes: [{}, {label: unit, size: 70}],
      series: [{}, ...seriesNames.map((name, i) => ({label: name, stroke: COLOURS[i % COLOURS.length], width: 2}))],
    }, data, box);
    shownNames = seriesNames.join('\u0000');
  };
  return {
    update(times, series, seriesNames = names) {
      const data = [times.map(t => t / 1000), ...series];
      if (!plot || shownNames !== seriesNames.join('\u0000')) {
        build(seriesNames, data);
      } else {
        plot.setData(data);
      }
    },
    destroy() {
      if (plot) {
        plot.destroy();
      }
    },
  };
}
