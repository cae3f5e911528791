import { geoArea, geoCentroid } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { alpha2ToNumeric } from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Country outlines bundled from world-atlas (Natural Earth 1:110m), and where to place an incident known only by its country. */
export interface Atlas {
  outlines: FeatureCollection<Polygon | MultiPolygon>;
  /** [latitude, longitude] of the country's main landmass's centroid, or null when the atlas lacks it (small islands at this scale). */
  centreOf(alpha2: string): [number, number] | null;
}

/**
 * The centroid of the largest polygon, not of the whole country: France's outline includes French
 * Guiana, whose weight would pull a plain centroid into the Atlantic.
 */
function mainCentroid(country: Feature<Polygon | MultiPolygon>): [number, number] {
  const polygons: Polygon[] =
    country.geometry.type === 'Polygon' ? [country.geometry] : country.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  const largest = polygons.reduce((best, polygon) => (geoArea(polygon) > geoArea(best) ? polygon : best));
  const [longitude, latitude] = geoCentroid(largest);
  return [latitude, longitude];
}

let loading: Promise<Atlas> | null = null;

/** Loaded once, in a chunk of its own, so the list does not wait for the outlines. */
export function loadAtlas(): Promise<Atlas> {
  loading ??= import('world-atlas/countries-110m.json').then((module) => {
    const topology = module.default as unknown as Topology<{ countries: GeometryCollection }>;
    const outlines = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
    const byNumericCode = new Map(outlines.features.map((country) => [String(country.id), country]));
    const centres = new Map<string, [number, number] | null>();
    return {
      outlines,
      centreOf(alpha2: string) {
        const code = alpha2.toUpperCase();
        if (!centres.has(code)) {
          const numeric = alpha2ToNumeric(code);
          const country = numeric ? byNumericCode.get(numeric) : undefined;
          centres.set(code, country ? mainCentroid(country) : null);
        }
        return centres.get(code) ?? null;
      },
    };
  });
  return loading;
}
