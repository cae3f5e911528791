/** Where a fact comes from: a stored source document and the exact excerpt that supports it. */
export interface Provenance {
  sourceId: string;
  excerpt: string;
}
