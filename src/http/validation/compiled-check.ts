import Ajv, { SchemaObject } from 'ajv';
import { isUUID } from 'class-validator';

/**
 * Request bodies (and queries) checked first by a JSON schema compiled to JavaScript (Ajv), which
 * is about ten times cheaper than class-transformer and class-validator on nested DTOs. The schema
 * is written to accept only what the DTO accepts, unchanged by the DTO's transforms; whatever it
 * does not accept goes through the DTO as before, which finds the problems and words them (each
 * message naming its field path). So a schema stricter than its DTO costs speed, never a wrong answer.
 */
const ajv = new Ajv({
  allErrors: false,
  // String lengths are counted in code points, never fewer than class-validator's MaxLength counts.
  allowUnionTypes: true,
  strict: true,
  // Conditions name fields of the object around them (`if mode is given, modes is not`).
  strictRequired: false,
  // An event's `type` picks the schema of its `data` in one look-up, not by trying each.
  discriminator: true,
});

/** A UUID as class-validator's IsUUID('all') accepts it, in lower case (the case IsId's transform leaves ids in). */
ajv.addFormat('lower-case-uuid', { type: 'string', validate: (value: string) => isUUID(value, 'all') && value === value.toLowerCase() });

/** `[["low", "best"], …]`: where both fields hold numbers, the first is ≤ the second. */
ajv.addKeyword({
  keyword: 'orderedPairs',
  type: 'object',
  schemaType: 'array',
  validate: (pairs: [string, string][], data: Record<string, unknown>) =>
    pairs.every(([low, high]) => typeof data[low] !== 'number' || typeof data[high] !== 'number' || (data[low] as number) <= (data[high] as number)),
});

/** A body the schema accepts, as the handler gets it; `undefined` when the DTO must judge it. */
export type CompiledCheck = (body: unknown) => unknown;

/** `normalise` makes an accepted body what the DTO's transforms would have made it. */
export function compiledCheck(schema: SchemaObject, normalise: (body: any) => unknown = (body) => body): CompiledCheck {
  const accepts = ajv.compile(schema);
  return (body) => (accepts(body) ? normalise(body) : undefined);
}

const checks = new WeakMap<object, CompiledCheck>();

/** On a request DTO: bodies (or queries) `check` accepts skip the DTO's validation (see above). */
export const CheckedFirstBy = (check: CompiledCheck): ClassDecorator => (dto) => void checks.set(dto, check);

/** The compiled check of a DTO class, if it has one. */
export const compiledCheckOf = (dto: unknown): CompiledCheck | undefined => (typeof dto === 'function' ? checks.get(dto) : undefined);
