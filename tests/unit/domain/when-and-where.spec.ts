import { completeLocation, storedLocation } from '../../../src/domain/shared/location';
import { TimePrecision } from '../../../src/domain/shared/time-span';
import { factCorrected, given, opened, openIncident, recordFacts } from './given-when-then';

const openAt = (start: string, end: string, precision: TimePrecision) =>
  given().when(openIncident(opened({ occurred: { start, end, precision } })));

describe('when: parts of one day (morning, afternoon, evening)', () => {
  it.each<[TimePrecision, string, string]>([
    ['morning', '2018-11-11T06:00:00Z', '2018-11-11T12:00:00Z'],
    ['afternoon', '2018-11-11T12:00:00Z', '2018-11-11T18:00:00Z'],
    ['evening', '2018-11-11T18:00:00Z', '2018-11-11T23:00:00Z'],
  ])('accepts %s within one day and shows it as given', (precision, start, end) => {
    expect(openAt(start, end, precision).thenView().occurred).toEqual({ start, end, precision });
  });

  it.each<TimePrecision>(['morning', 'afternoon', 'evening'])('refuses %s spanning more than a day', (precision) => {
    openAt('2018-11-11T06:00:00Z', '2018-11-12T12:00:00Z', precision).thenRejects('occurred.end', `${precision} is a part of one day`);
  });

  it('still refuses a part of a day that ends before it starts', () => {
    openAt('2018-11-11T12:00:00Z', '2018-11-11T06:00:00Z', 'morning').thenRejects('occurred.end', 'must not be before start');
  });

  it('leaves the other precisions free to span more than a day (a night, a week)', () => {
    openAt('2018-11-11T18:00:00Z', '2018-11-12T06:00:00Z', 'night').thenView();
    openAt('2018-11-05T00:00:00Z', '2018-11-11T23:59:59Z', 'week').thenView();
  });

  it('refuses a correction that stretches a morning over two days', () => {
    const opening = opened({ occurred: { start: '2018-11-11T06:00:00Z', end: '2018-11-11T12:00:00Z', precision: 'morning' } });
    given(opening)
      .when(recordFacts(factCorrected(opening.eventId, { occurred: { end: '2018-11-13T12:00:00Z' } })))
      .thenRejects('events.0.data.data.occurred.end', 'part of one day');
  });
});

describe('when: range (somewhere between start and end, known no better)', () => {
  it('accepts a range of any length', () => {
    expect(openAt('2018-10-01T00:00:00Z', '2018-11-12T00:00:00Z', 'range').thenView().occurred.precision).toBe('range');
  });

  it('still needs start ≤ end', () => {
    openAt('2018-11-12T00:00:00Z', '2018-10-01T00:00:00Z', 'range').thenRejects('occurred.end', 'must not be before start');
  });
});

describe('where: relative to a named place ("80 km à l\'est de Tessalit")', () => {
  const tessalit = { place: 'Tessalit', direction: 'E' as const, distanceKm: 80 };

  it('shows relativeTo as given', () => {
    const view = given().when(openIncident(opened({ location: { relativeTo: tessalit } }))).thenView();
    expect(view.location.relativeTo).toEqual(tessalit);
  });

  it('shows direction and distance null when the source gives only the place', () => {
    const view = given().when(openIncident(opened({ location: { relativeTo: { place: 'Tessalit' } } }))).thenView();
    expect(view.location.relativeTo).toEqual({ place: 'Tessalit', direction: null, distanceKm: null });
  });

  it('keeps the direction without a distance ("au nord de Ménaka")', () => {
    const view = given().when(openIncident(opened({ location: { relativeTo: { place: 'Ménaka', direction: 'N' } } }))).thenView();
    expect(view.location.relativeTo).toEqual({ place: 'Ménaka', direction: 'N', distanceKm: null });
  });

  it('shows relativeTo null when not given, or given as null', () => {
    expect(given().when(openIncident(opened())).thenView().location.relativeTo).toBeNull();
    expect(given().when(openIncident(opened({ location: { relativeTo: null } }))).thenView().location.relativeTo).toBeNull();
  });

  it('refuses a distance of 0 or below', () => {
    given()
      .when(openIncident(opened({ location: { relativeTo: { ...tessalit, distanceKm: 0 } } })))
      .thenRejects('location.relativeTo.distanceKm', 'greater than 0');
    given()
      .when(openIncident(opened({ location: { relativeTo: { ...tessalit, distanceKm: -5 } } })))
      .thenRejects('location.relativeTo.distanceKm', 'greater than 0');
  });

  it('accepts a fractional distance above 0', () => {
    given().when(openIncident(opened({ location: { relativeTo: { ...tessalit, distanceKm: 0.5 } } }))).thenView();
  });

  it('accepts a correction that adds relativeTo, and refuses one that makes the distance 0', () => {
    const opening = opened();
    const view = given(opening)
      .when(recordFacts(factCorrected(opening.eventId, { location: { relativeTo: tessalit } })))
      .thenView();
    expect(view.location).toMatchObject({ country: 'ML', area: 'Gourma', relativeTo: tessalit });

    const placed = opened({ location: { relativeTo: tessalit } });
    given(placed)
      .when(recordFacts(factCorrected(placed.eventId, { location: { relativeTo: { distanceKm: 0 } } })))
      .thenRejects('events.0.data.data.location.relativeTo.distanceKm', 'greater than 0');
  });

  it('is stored only when given, so an opening written before 1.1 and the same one sent again are equal', () => {
    const v1 = { country: 'ML', area: 'Gourma', admin1: null, name: null, latitude: null, longitude: null, precision: 'area' as const };
    expect(storedLocation({ country: 'ML', area: 'Gourma', precision: 'area' })).toEqual(v1);
    expect(storedLocation({ ...v1, relativeTo: tessalit })).toEqual({ ...v1, relativeTo: tessalit });
    expect(completeLocation(v1)).toEqual({ ...v1, relativeTo: null });
  });
});
