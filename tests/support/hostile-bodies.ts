/**
 * Bodies no server should accept, for fuzzing the POST routes: a valid body with at least one
 * defect that makes it invalid (a required field missing, an unknown or prototype-named field, a
 * value of the wrong type, a number out of range) and some noise on top (hostile strings in free
 * text, odd numbers), sent as JSON text that may carry what JSON.stringify cannot write: numbers
 * such as 1e309 or 123456789012345678901234567890, and bytes that are not UTF-8.
 */
import fc from 'fast-check';

/** A JSON token written as it is (a number JavaScript cannot hold as written). */
export class RawToken {
  constructor(readonly text: string) {}
}

/** A string field whose UTF-8 is replaced by these bytes on the wire. */
export class RawBytes {
  constructor(readonly bytes: number[]) {}
}

export type Path = (string | number)[];

export interface BodyShape {
  /** A valid body; every generated body is a copy of it with defects. */
  valid: () => Record<string, unknown>;
  /** Fields that must be present. */
  required: Path[];
  /** Fields that must hold a string (never null). */
  strings: Path[];
  /** Free-text fields, valid whatever the string: where noise goes. */
  freeText: Path[];
  /** Objects that take no fields beyond their declared ones. */
  closedObjects: Path[];
  /** Number fields and a value out of their range. */
  numbers: Path[];
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

export const HOSTILE_STRINGS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '"; DELETE FROM events WHERE "1"="1',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/dev/zero',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  '<script>alert(1)</script>',
  '\u202e\u0301\ufeff',
  'NaN',
  'Infinity',
  'null',
];

/** Numbers as JSON can carry them: beyond doubles, beyond safe integers, negative zero, tiny. */
const oddNumbers: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(new RawToken('1e309'), new RawToken('-1e309'), new RawToken('-0'), new RawToken('123456789012345678901234567890'), new RawToken('1e-400'), new RawToken('9007199254740993')),
  fc.double(),
  fc.integer(),
  fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }).map((n) => new RawToken(n.toString())),
);

/** Values out of range for a count, a coordinate or a year, whatever the field: huge, negative, beyond doubles. */
const outOfRange: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(new RawToken('1e309'), new RawToken('-1e309'), new RawToken('123456789012345678901234567890'), 1e300, -1e20, 1e20),
  fc.integer({ max: -1000 }),
  // No infinities: JSON.stringify writes them as null, which is a valid figure ("not given").
  fc.double({ min: 2 ** 60, noNaN: true, noDefaultInfinity: true }),
  fc.double({ max: -(2 ** 60), noNaN: true, noDefaultInfinity: true }),
);

/**
 * Written as text: JSON.stringify itself runs out of stack long before a parser may. At most
 * 1,000 levels: deeper, today's code answers 500 (class-transformer runs out of stack, about
 * 1,500 levels), which the nesting limit being added is to refuse with 400.
 */
const deeplyNested: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 50, max: 1_000 }), fc.boolean()).map(
  ([depth, arrays]) => new RawToken(arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

const longString = fc.tuple(fc.integer({ min: 10_000, max: 100_000 }), fc.constantFrom('a', 'é', '💥', "'; DROP TABLE events; --")).map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Bytes that are not UTF-8: stray continuation bytes, overlong forms, encoded surrogates, cut sequences. */
const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x92]];
const badUtf8: fc.Arbitrary<RawBytes> = fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.string({ maxLength: 8 })).map(
  ([bad, text]) => new RawBytes([...Buffer.from(text, 'utf8'), ...bad, ...Buffer.from(text, 'utf8')]),
);

const loneSurrogate = fc.constantFrom('\ud800', 'a\udfffb', '\udbff', 'x\ud83d');

export const hostileString: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** Any value but a string or null (for fields that must hold a string). */
const notAString: fc.Arbitrary<unknown> = fc.oneof(
  oddNumbers,
  fc.boolean(),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  deeplyNested,
);

/** Any JSON-ish value at all, for fields that should not be there. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: notAString }, { weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: longString });

type Defect = (body: Record<string, unknown>) => void;

function parentOf(body: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = body as Record<string | number, unknown> | undefined;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[key] as Record<string | number, unknown> | undefined;
  }
  return typeof node === 'object' && node !== null ? node : undefined;
}

/** Sets an own, enumerable field, even one named `__proto__` (JSON.stringify then writes it). */
function setField(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function setAt(body: unknown, path: Path, value: unknown): void {
  const parent = parentOf(body, path);
  if (parent) setField(parent, path[path.length - 1], value);
}

/** At least one defect that makes the body invalid. */
function defects(shape: BodyShape): fc.Arbitrary<Defect> {
  const pick = <T>(list: T[]) => fc.constantFrom(...list);
  const all: fc.Arbitrary<Defect>[] = [
    pick(shape.required).map((path): Defect => (body) => void delete parentOf(body, path)?.[path[path.length - 1]]),
    fc.tuple(pick(shape.strings), notAString).map(([path, value]): Defect => (body) => setAt(body, path, value)),
    fc.tuple(pick(shape.strings), fc.oneof(badUtf8, loneSurrogate)).map(([path, value]): Defect => (body) => setAt(body, path, value)),
    fc.tuple(pick(shape.closedObjects), fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !/^(?:\d+)$/.test(k))), anyValue).map(
      ([path, key, value]): Defect => (body) => {
        const target = path.length === 0 ? body : (parentOf(body, [...path, '']) as Record<string, unknown> | undefined);
        // An unknown key only: a real field name would not be a defect.
        if (target && !Object.prototype.hasOwnProperty.call(target, key)) setField(target, key, value);
        else if (target) setField(target, `__proto__`, { polluted: true });
      },
    ),
    fc.constantFrom(...PROTOTYPE_KEYS).map((key): Defect => (body) => setField(body, key, { polluted: true, prototype: { polluted: true } })),
  ];
  if (shape.numbers.length > 0) all.push(fc.tuple(pick(shape.numbers), outOfRange).map(([path, value]): Defect => (body) => setAt(body, path, value)));
  return fc.oneof(...all);
}

/** Changes that keep a body as valid as it was: hostile text in free fields. */
function noise(shape: BodyShape): fc.Arbitrary<Defect> {
  return fc.tuple(fc.constantFrom(...shape.freeText), fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: longString })).map(([path, value]): Defect => (body) => {
    if (parentOf(body, path)?.[path[path.length - 1]] !== undefined) setAt(body, path, value);
  });
}

/** Whole bodies that are not an object of the route's shape at all. */
const notTheShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.array(anyValue, { maxLength: 3 }),
  anyValue,
  fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_KEYS)), anyValue, { maxKeys: 4, minKeys: 1 }),
);

export interface WireBody {
  /** What is sent. */
  bytes: Buffer;
  contentType: string | undefined;
  /** What it is, for a counterexample a human can read. */
  describe: string;
}

/** A body that fast-check shows by its description, not as a list of bytes. */
const wire = (bytes: Buffer, contentType: string | undefined, description = describe(bytes)): WireBody => ({
  bytes,
  contentType,
  describe: description,
  [fc.toStringMethod]: () => `${contentType ?? 'no content type'} ${description}`,
}) as WireBody;

/** JSON text with raw tokens and raw bytes put back in place of their placeholders. */
export function toWire(value: unknown): Buffer {
  const raws: (RawToken | RawBytes)[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawToken || v instanceof RawBytes) {
      raws.push(v);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return typeof v === 'bigint' ? new RawToken(v.toString()) : v;
  }) ?? 'null';
  const parts: Buffer[] = [];
  let last = 0;
  const placeholder = /"\\u0000raw(\d+)\\u0000"/g;
  for (let match = placeholder.exec(text); match; match = placeholder.exec(text)) {
    parts.push(Buffer.from(text.slice(last, match.index), 'utf8'));
    const raw = raws[Number(match[1])];
    parts.push(raw instanceof RawToken ? Buffer.from(raw.text, 'utf8') : Buffer.concat([Buffer.from('"'), Buffer.from(raw.bytes), Buffer.from('"')]));
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/** The body as text, its middle cut when long (where the defect usually is not). */
const describe = (bytes: Buffer): string => (bytes.length > 600 ? `${bytes.subarray(0, 300).toString('utf8')} …${bytes.length - 600} bytes… ${bytes.subarray(-300).toString('utf8')}` : bytes.toString('utf8'));

const JSON_TYPE = 'application/json';
const WRONG_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/octet-stream', 'application/jsonx', 'image/png'];

/** Bodies of JSON text that is not JSON: cut short, trailing garbage, comments, single quotes, NaN. */
const brokenJson = (valid: string): fc.Arbitrary<Buffer> =>
  fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, valid.length - 1) }).map((cut) => Buffer.from(valid.slice(0, cut))),
    fc.constantFrom('{"a":NaN}', '{"a":Infinity}', "{'a':1}", '{"a":1,}', '{"a":1}/*x*/', '{"a":1}{"b":2}', '', ' ', '\u0000', '{"a":01}', '{"a":.5}', '{"a":"\\x41"}', '{"a":"\\ud800"}').map((t) => Buffer.from(t)),
    fc.constantFrom(...INVALID_UTF8).map((bad) => Buffer.concat([Buffer.from(valid.slice(0, 20)), Buffer.from(bad), Buffer.from(valid.slice(20))])),
  );

/** The bad bodies of one route: ~70 % a valid body with defects, the rest other shapes, broken JSON or a wrong media type. */
export function badBodies(shape: BodyShape): fc.Arbitrary<WireBody> {
  const validText = JSON.stringify(shape.valid());
  const damaged = fc.tuple(fc.array(defects(shape), { minLength: 1, maxLength: 3 }), fc.array(noise(shape), { maxLength: 3 })).map(([bad, harmless]) => {
    const body = shape.valid();
    for (const change of [...harmless, ...bad]) change(body);
    return toWire(body);
  });
  const json = (bytes: fc.Arbitrary<Buffer>) => bytes.map((b) => wire(b, JSON_TYPE));
  return fc.oneof(
    { weight: 14, arbitrary: json(damaged) },
    { weight: 2, arbitrary: json(notTheShape.map(toWire)) },
    { weight: 2, arbitrary: json(brokenJson(validText)) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.option(fc.constantFrom(...WRONG_TYPES), { nil: undefined }), fc.boolean()).map(([contentType, validBody]): WireBody => {
        const bytes = validBody ? Buffer.from(validText) : Buffer.from('title=x&text=y');
        return wire(bytes, contentType);
      }),
    },
  );
}
