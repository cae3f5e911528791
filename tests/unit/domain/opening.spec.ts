import { given, opened, openIncident, raidConducted, INCIDENT_ID } from './given-when-then';

describe('opening an incident', () => {
  it('records IncidentOpened as the first event', () => {
    const opening = opened();
    given().when(openIncident(opening)).then(opening);
  });

  it('makes an incident at version 1 with the title, time and place given', () => {
    const view = given()
      .when(openIncident(opened({ title: 'Raid in the Gourma', location: { area: 'Gourma' } })))
      .thenView();
    expect(view).toMatchObject({
      incidentId: INCIDENT_ID,
      version: 1,
      title: 'Raid in the Gourma',
      occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
      location: { country: 'ML', area: 'Gourma', precision: 'area' },
      operation: 'Barkhane',
    });
  });

  it('refuses to open an incident that is already open', () => {
    given(opened()).when(openIncident(opened())).thenRejects('incidentId', 'already open');
  });

  it('refuses to open an incident again even after facts were recorded', () => {
    given(opened(), raidConducted()).when(openIncident(opened())).thenRejects('incidentId', 'already open');
  });
});

describe('opening: when it happened (start ≤ end)', () => {
  it('refuses a start after the end', () => {
    given()
      .when(openIncident(opened({ occurred: { start: '2018-11-12T06:00:00Z', end: '2018-11-11T18:00:00Z' } })))
      .thenRejects('occurred.end', 'must not be before start');
  });

  it('accepts a start equal to the end', () => {
    given()
      .when(openIncident(opened({ occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-11T18:00:00Z', precision: 'exact' } })))
      .thenView();
  });

  it('compares instants, not the text of times with different offsets', () => {
    // 00:30 at +01:00 is 23:30 UTC the day before: before the end.
    given()
      .when(openIncident(opened({ occurred: { start: '2018-11-12T00:30:00+01:00', end: '2018-11-11T23:45:00Z' } })))
      .thenView();
    // 00:30 UTC is after 01:00 at +02:00 (23:00 UTC).
    given()
      .when(openIncident(opened({ occurred: { start: '2018-11-12T00:30:00Z', end: '2018-11-12T01:00:00+02:00' } })))
      .thenRejects('occurred.end', 'must not be before start');
  });

  it('refuses a start that is not a date', () => {
    given()
      .when(openIncident(opened({ occurred: { start: 'the night of the 11th' } })))
      .thenRejects('occurred.start', 'ISO 8601');
  });
});

describe('opening: where it happened (coordinates)', () => {
  const openAt = (latitude: number | null, longitude: number | null) =>
    given().when(openIncident(opened({ location: { latitude, longitude, precision: 'point' } })));

  it('accepts coordinates inside the ranges, bounds included', () => {
    expect(openAt(15.3, -1.5).thenView().location).toMatchObject({ latitude: 15.3, longitude: -1.5 });
    openAt(90, 180).thenView();
    openAt(-90, -180).thenView();
  });

  it('accepts no coordinates at all', () => {
    openAt(null, null).thenView();
  });

  it('refuses a latitude above 90 or below -90', () => {
    openAt(90.5, 0).thenRejects('location.latitude', 'between -90 and 90');
    openAt(-91, 0).thenRejects('location.latitude', 'between -90 and 90');
  });

  it('refuses a longitude above 180 or below -180', () => {
    openAt(0, 180.1).thenRejects('location.longitude', 'between -180 and 180');
    openAt(0, -181).thenRejects('location.longitude', 'between -180 and 180');
  });

  it('refuses a latitude without a longitude', () => {
    openAt(15.3, null).thenRejects('location.longitude', 'both or neither');
  });

  it('refuses a longitude without a latitude', () => {
    openAt(null, -1.5).thenRejects('location.latitude', 'both or neither');
  });

  it('reports every problem of the opening together', () => {
    const problems = given()
      .when(openIncident(opened({
        occurred: { start: '2018-11-12T06:00:00Z', end: '2018-11-11T18:00:00Z' },
        location: { latitude: 95, longitude: 200 },
      })))
      .thenRejects('occurred.end');
    expect(problems.map((p) => p.path).sort()).toEqual(['location.latitude', 'location.longitude', 'occurred.end']);
  });
});

