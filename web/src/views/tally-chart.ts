import { scaleBand, scaleLinear } from 'd3-scale';
import type { CasualtyGroup } from '../api-types';
import { svg } from '../dom';

export const SIDES = ['hostile', 'friendly', 'civilian', 'unknown'] as const;

/** Every month from the first to the last with a report, so the time axis has no silent gaps. */
export function monthsBetween(groups: CasualtyGroup[]): string[] {
  const present = groups.map((group) => group.by.month).filter((month): month is string => Boolean(month)).sort();
  if (present.length === 0) return [];
  const months: string[] = [];
  let [year, month] = present[0].split('-').map(Number);
  const last = present[present.length - 1];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

const HEIGHT = 320;
const MARGIN = { top: 24, right: 16, bottom: 56, left: 48 };

/**
 * Casualties per month stacked by side: each side's segment is solid up to its low (the figure
 * every report supports) and hatched from low to high; a side whose high is unbounded (some report
 * gave no upper figure) ends in an open arrow instead of a made-up top.
 */
export function tallyChart(groups: CasualtyGroup[]): SVGSVGElement {
  const months = monthsBetween(groups);
  const bySlot = new Map(groups.map((group) => [`${group.by.month}/${group.by.side}`, group]));
  const top = (group: CasualtyGroup) => group.high ?? group.low;
  const totals = months.map((month) => SIDES.reduce((sum, side) => sum + (bySlot.has(`${month}/${side}`) ? top(bySlot.get(`${month}/${side}`)!) : 0), 0));
  // A fixed width per month: a lone month is a bar, not a wall; many months scroll sideways.
  const width = MARGIN.left + MARGIN.right + Math.max(4, months.length) * 36;
  const x = scaleBand<string>().domain(months).range([MARGIN.left, width - MARGIN.right]).padding(0.25);
  const y = scaleLinear().domain([0, Math.max(1, ...totals)]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);

  const chart = svg('svg', { viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, role: 'img', 'aria-labelledby': 'tally-chart-title', class: 'tally-chart' });
  chart.append(svg('title', { id: 'tally-chart-title' }, 'Casualties by month, stacked by side: solid to the low figure, hatched from low to high. The table below gives the figures.'));
  const defs = svg('defs');
  for (const side of SIDES) {
    const pattern = svg('pattern', { id: `hatch-${side}`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    pattern.append(svg('rect', { width: 6, height: 6, class: `range range--${side}` }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: `hatch hatch--${side}` }));
    defs.append(pattern);
  }
  chart.append(defs);

  for (const tick of y.ticks(6)) {
    chart.append(
      svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick), class: 'grid' }),
      svg('text', { x: MARGIN.left - 6, y: y(tick), class: 'tick tick--y', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(tick)),
    );
  }
  const every = Math.ceil(months.length / 24);
  months.forEach((month, index) => {
    const left = x(month)!;
    if (index % every === 0) chart.append(svg('text', { x: left + x.bandwidth() / 2, y: HEIGHT - MARGIN.bottom + 16, class: 'tick tick--x', 'text-anchor': 'middle' }, month));
    let base = 0;
    for (const side of SIDES) {
      const group = bySlot.get(`${month}/${side}`);
      if (!group) continue;
      const label = `${month}, ${side}: low ${group.low}, best ${group.best ?? 'not given'}, high ${group.high ?? 'unbounded'} (${group.reports} report${group.reports === 1 ? '' : 's'})`;
      const solid = svg('rect', { x: left, width: x.bandwidth(), y: y(base + group.low), height: y(base) - y(base + group.low), class: `bar bar--${side}` }, svg('title', {}, label));
      chart.append(solid);
      if (group.high !== null && group.high > group.low) {
        chart.append(svg('rect', { x: left, width: x.bandwidth(), y: y(base + group.high), height: y(base + group.low) - y(base + group.high), fill: `url(#hatch-${side})`, class: 'bar-range' }, svg('title', {}, label)));
      }
      if (group.high === null) {
        const tip = y(base + group.low);
        const middle = left + x.bandwidth() / 2;
        chart.append(svg('path', { d: `M${middle},${tip} v-14 m-5,6 l5,-6 l5,6`, class: `unbounded unbounded--${side}` }, svg('title', {}, `${label}: no upper figure`)));
      }
      base += top(group);
    }
  });
  chart.append(svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(0), y2: y(0), class: 'axis' }));
  return chart;
}
