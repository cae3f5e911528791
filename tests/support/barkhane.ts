import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEED_DIR = join(__dirname, '../../seeds/barkhane-2018-11-12');
export const BARKHANE_TEXT = readFileSync(join(SEED_DIR, 'communique.fr.txt'), 'utf8');
export const BARKHANE_INCIDENT_ID = '01670a5e-2000-7380-bf4e-20f4d0f8eab8';

export const barkhaneSource = () => ({
  publisher: 'Ministère des Armées — État-major des armées',
  title: 'BARKHANE : la force Barkhane met hors de combat un groupe terroriste au Mali.',
  publishedAt: '2018-11-13T00:00:00Z',
  language: 'fr',
  url: 'https://www.defense.gouv.fr/operations/barkhane',
  text: BARKHANE_TEXT,
});

/** The seed's import document with its text inlined, as `POST /imports` takes it. */
export function barkhaneImport(): any {
  const document = JSON.parse(readFileSync(join(SEED_DIR, 'import.json'), 'utf8'));
  document.source.text = BARKHANE_TEXT;
  return document;
}

export const opening = (sourceId: string, overrides: Record<string, unknown> = {}) => ({
  title: 'Raid against a terrorist group in the Gourma',
  occurred: { start: '2018-11-11T18:00:00Z', end: '2018-11-12T06:00:00Z', precision: 'night' },
  location: { country: 'ML', area: 'Gourma', admin1: null, name: null, latitude: null, longitude: null, precision: 'area' },
  operation: 'Barkhane',
  source: { sourceId, excerpt: 'Dans la nuit du 11 au 12 novembre 2018, dans la région du Gourma au Mali' },
  ...overrides,
});

export const casualties = (sourceId: string, count: Record<string, number> = { low: 7, best: 7, high: 7 }) => ({
  type: 'CasualtiesReported',
  data: { side: 'hostile', status: 'neutralised', count, wording: 'neutraliser sept terroristes' },
  source: { sourceId, excerpt: 'neutraliser sept terroristes' },
});
