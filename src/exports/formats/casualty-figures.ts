import { CasualtyView } from '../../domain/incident/incident-view';
import { tallyFigures } from '../../domain/shared/estimate';

/** The statuses an export counts as deaths: "neutralised" is how communiqués say killed, so it is counted and tagged. */
export const DEATH_STATUSES: readonly CasualtyView['status'][] = ['killed', 'neutralised'];

export const deathReports = (casualties: readonly CasualtyView[]): CasualtyView[] =>
  casualties.filter((report) => DEATH_STATUSES.includes(report.status));

/**
 * Totals of several reports as API.md's "Counts" sums them, with one stricter rule: `best` is
 * the sum of the reports' best only when every report gives one (a total best that leaves a
 * report out would be a figure no source stated), else null. With no report all three are 0.
 */
export interface Totals {
  low: number;
  best: number | null;
  high: number | null;
}

export function totalsOf(reports: readonly CasualtyView[]): Totals {
  const figures = reports.map((report) => tallyFigures(report.count));
  return {
    low: figures.reduce((sum, f) => sum + f.low, 0),
    best: figures.every((f) => f.best !== null) ? figures.reduce((sum, f) => sum + f.best!, 0) : null,
    high: figures.every((f) => f.high !== null) ? figures.reduce((sum, f) => sum + f.high!, 0) : null,
  };
}

/**
 * ACLED's `fatalities` (API.md "Exports"): the sum of each death report's `best`, else its
 * `low`; null (an empty cell) when a report gives neither, as its figure is unknown.
 */
export function fatalitiesOf(casualties: readonly CasualtyView[]): number | null {
  let sum = 0;
  for (const { count } of deathReports(casualties)) {
    const figure = count.best ?? count.low;
    if (figure === null) return null;
    sum += figure;
  }
  return sum;
}

/** The best figure of the death reports on the sides given: null when one of them has no best. */
export function bestDeathsOn(casualties: readonly CasualtyView[], sides: readonly CasualtyView['side'][]): number | null {
  return totalsOf(deathReports(casualties).filter((report) => sides.includes(report.side))).best;
}
