/** Time as a sortable, comparable text: ISO 8601 in UTC with milliseconds (UTC when no offset is given). */
export const sortableTime = (time: string): string =>
  new Date(/T[^Z+-]*$/.test(time) ? `${time}Z` : time).toISOString();

/** Actors are found by name whatever the case and spacing the user types. */
export const actorKeyOf = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
