import { Problem } from '../../shared/problem';
import { EventTypeEntry, attributionOf, noIncidents, noRules } from '../event-type';
import type { MaterielItemView } from '../incident-view';

export const MATERIEL_CATEGORIES = [
  'heavy-weapons', 'light-weapons', 'ammunition', 'explosives', 'ied-components',
  'communications', 'vehicles', 'documents', 'other',
] as const;

export interface MaterielItem {
  category: (typeof MATERIEL_CATEGORIES)[number];
  description: string;
  /** Only when the source gives a number. */
  quantity?: number | null;
}

/** Materiel seized or destroyed: the items the source lists. */
export interface MaterielData {
  items: MaterielItem[];
}

const itemsProblems = (data: MaterielData): Problem[] =>
  Array.isArray(data.items) && data.items.length > 0 ? [] : [{ path: 'items', reason: 'must name at least one item' }];

const itemViews = (data: MaterielData, attribution: ReturnType<typeof attributionOf>): MaterielItemView[] =>
  data.items.map((item) => ({ category: item.category, description: item.description, quantity: item.quantity ?? null, ...attribution }));

export const materielSeized: EventTypeEntry<MaterielData> = {
  schemaVersion: 1,
  upcasters: [],
  invariants: itemsProblems,
  rules: noRules,
  correctable: true,
  referencedIncidents: noIncidents,
  show: ({ data, record }, view) => {
    view.materielSeized.push(...itemViews(data, attributionOf(record)));
  },
};

export const materielDestroyed: EventTypeEntry<MaterielData> = {
  ...materielSeized,
  show: ({ data, record }, view) => {
    view.materielDestroyed.push(...itemViews(data, attributionOf(record)));
  },
};
