import { completeEstimate, estimateProblems, tallyFigures } from '../../../src/domain/shared/estimate';
import {
  activityReported, casualtiesReported, factCorrected, given, opened, personsAbducted, personsDetained, personsFreed, recordFacts,
} from './given-when-then';

describe('estimates: at least one figure, each an integer ≥ 0', () => {
  it('refuses a count with no figure at all ({})', () => {
    given(opened())
      .when(recordFacts(casualtiesReported({ count: {} })))
      .thenRejects('events.0.data.count', 'must give at least one of low, best, high');
  });

  it('counts null as absent: all three null is no figure', () => {
    given(opened())
      .when(recordFacts(casualtiesReported({ count: { low: null, best: null, high: null } })))
      .thenRejects('events.0.data.count', 'must give at least one of low, best, high');
  });

  it('refuses a negative figure, whichever it is', () => {
    given(opened()).when(recordFacts(casualtiesReported({ count: { low: -1 } }))).thenRejects('events.0.data.count.low', 'integer ≥ 0');
    given(opened()).when(recordFacts(casualtiesReported({ count: { best: -3 } }))).thenRejects('events.0.data.count.best', 'integer ≥ 0');
    given(opened()).when(recordFacts(casualtiesReported({ count: { high: -2 } }))).thenRejects('events.0.data.count.high', 'integer ≥ 0');
  });

  it('refuses a figure that is not an integer', () => {
    given(opened()).when(recordFacts(casualtiesReported({ count: { low: 1.5 } }))).thenRejects('events.0.data.count.low', 'integer ≥ 0');
    given(opened()).when(recordFacts(casualtiesReported({ count: { best: 2.5 } }))).thenRejects('events.0.data.count.best', 'integer ≥ 0');
    given(opened()).when(recordFacts(casualtiesReported({ count: { high: Number.NaN } }))).thenRejects('events.0.data.count.high', 'integer ≥ 0');
  });
});

describe('estimates: low ≤ best ≤ high, and low ≤ high among the figures given', () => {
  it('refuses low above best', () => {
    given(opened()).when(recordFacts(casualtiesReported({ count: { low: 8, best: 7 } }))).thenRejects('events.0.data.count.low', 'must be ≤ best');
  });

  it('refuses high below best', () => {
    given(opened()).when(recordFacts(casualtiesReported({ count: { best: 7, high: 6 } }))).thenRejects('events.0.data.count.high', 'must be ≥ best');
  });

  it('refuses low above high when no best is given', () => {
    given(opened()).when(recordFacts(casualtiesReported({ count: { low: 9, high: 5 } }))).thenRejects('events.0.data.count.low', 'must be ≤ high');
  });

  it('refuses low above high with null for best', () => {
    given(opened())
      .when(recordFacts(casualtiesReported({ count: { low: 9, best: null, high: 5 } })))
      .thenRejects('events.0.data.count.low', 'must be ≤ high');
  });

  it('accepts equal figures and a range without best', () => {
    given(opened()).when(recordFacts(casualtiesReported({ count: { low: 7, best: 7, high: 7 } }))).thenView();
    given(opened()).when(recordFacts(casualtiesReported({ count: { low: 5, high: 10 } }))).thenView();
    given(opened()).when(recordFacts(casualtiesReported({ count: { best: 0 } }))).thenView();
  });
});

describe('estimates: "plusieurs" is { low: 2 }, and nothing is invented', () => {
  it('accepts { low: 2 } and shows it with best and high null, the wording kept', () => {
    const view = given(opened())
      .when(recordFacts(casualtiesReported({ count: { low: 2 }, wording: 'plusieurs terroristes' })))
      .thenView();
    expect(view.casualties).toMatchObject([{ count: { low: 2, best: null, high: null }, wording: 'plusieurs terroristes' }]);
  });

  it('accepts "une dizaine" as 8/10/12', () => {
    const view = given(opened()).when(recordFacts(casualtiesReported({ count: { low: 8, best: 10, high: 12 } }))).thenView();
    expect(view.casualties[0].count).toEqual({ low: 8, best: 10, high: 12 });
  });

  it('shows a high bound alone as it is', () => {
    const view = given(opened()).when(recordFacts(casualtiesReported({ count: { high: 5 } }))).thenView();
    expect(view.casualties[0].count).toEqual({ low: null, best: null, high: 5 });
  });

  it('accepts nulls beside a given figure, as absent', () => {
    const view = given(opened()).when(recordFacts(casualtiesReported({ count: { low: 2, best: null, high: null } }))).thenView();
    expect(view.casualties[0].count).toEqual({ low: 2, best: null, high: null });
  });
});

describe('estimates: the same rules for every count', () => {
  it('applies to persons freed, detained and abducted, and to an activity with a count', () => {
    given(opened()).when(recordFacts(personsFreed({ count: {} }))).thenRejects('events.0.data.count', 'at least one');
    given(opened()).when(recordFacts(personsDetained({ count: { low: 3, high: 1 } }))).thenRejects('events.0.data.count.low', 'must be ≤ high');
    given(opened()).when(recordFacts(personsAbducted({ count: { best: -1 } }))).thenRejects('events.0.data.count.best', 'integer ≥ 0');
    given(opened()).when(recordFacts(activityReported({ count: { best: 50, high: 40 } }))).thenRejects('events.0.data.count.high', 'must be ≥ best');
    given(opened()).when(recordFacts(activityReported({ count: {} }))).thenRejects('events.0.data.count', 'at least one');
  });
});

describe('estimates: a correction must leave at least one figure', () => {
  it('refuses a correction that nulls the only figure', () => {
    const casualties = casualtiesReported({ count: { best: 7 } });
    given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { count: { best: null } })))
      .thenRejects('events.0.data.data.count', 'at least one of low, best, high');
  });

  it('accepts a correction from an exact figure to "plusieurs" by nulling best and setting low', () => {
    const casualties = casualtiesReported({ count: { best: 7 } });
    const view = given(opened(), casualties)
      .when(recordFacts(factCorrected(casualties.eventId, { count: { low: 2, best: null } })))
      .thenView();
    expect(view.casualties[0].count).toEqual({ low: 2, best: null, high: null });
  });
});

describe('estimates: the value functions', () => {
  it('estimateProblems names every bad figure, and the missing-figure problem alone', () => {
    expect(estimateProblems({ low: -1, high: 0.5 })).toEqual([
      { path: 'low', reason: 'must be an integer ≥ 0' },
      { path: 'high', reason: 'must be an integer ≥ 0' },
    ]);
    expect(estimateProblems({})).toEqual([{ path: '', reason: 'must give at least one of low, best, high' }]);
    expect(estimateProblems({ low: 2 })).toEqual([]);
  });

  it('completeEstimate shows all three keys, null where not given', () => {
    expect(completeEstimate({ low: 2 })).toEqual({ low: 2, best: null, high: null });
    expect(completeEstimate({ best: 0 })).toEqual({ low: null, best: 0, high: null });
    expect(completeEstimate({ low: null, best: 7, high: undefined })).toEqual({ low: null, best: 7, high: null });
  });
});

describe('estimates: tally figures never turn a missing figure into a number', () => {
  // Per report: low = low ?? best ?? 0, high = high ?? best, else unbounded (null); best as given.
  it.each([
    ['all three', { low: 8, best: 10, high: 12 }, { low: 8, best: 10, high: 12 }],
    ['best alone', { best: 7 }, { low: 7, best: 7, high: 7 }],
    ['"plusieurs" (low alone): high unbounded', { low: 2 }, { low: 2, best: null, high: null }],
    ['high alone: low 0', { high: 5 }, { low: 0, best: null, high: 5 }],
    ['low and high', { low: 3, high: 9 }, { low: 3, best: null, high: 9 }],
    ['best and high', { best: 4, high: 6 }, { low: 4, best: 4, high: 6 }],
    ['low and best: high from best', { low: 2, best: 4 }, { low: 2, best: 4, high: 4 }],
    ['best 0', { best: 0 }, { low: 0, best: 0, high: 0 }],
    ['nulls as absent', { low: 2, best: null, high: null }, { low: 2, best: null, high: null }],
  ])('%s', (_name, estimate, figures) => {
    expect(tallyFigures(estimate)).toEqual(figures);
  });
});
