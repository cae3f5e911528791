/** Published after an append commits; it only wakes the projections, which read the store. */
export class EventsRecorded {
  constructor(readonly incidentId: string, readonly lastPosition: number) {}
}
