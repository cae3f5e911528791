import { request as httpRequest } from 'node:http';
import { RunningApp, http, startApp } from '../support/app';
import { barkhaneImport, barkhaneSource, casualties } from '../support/barkhane';
import { expectError, facts, logUnchanged, recordEvents, startAppWithIncident } from '../support/e2e';

const MiB = 1024 * 1024;

/** A JSON object nested `levels` deep: {"a":{"a":…{}}}. */
const nested = (levels: number): object => (levels <= 1 ? {} : { a: nested(levels - 1) });

/** POSTs a body in chunks without a Content-Length (so the server cannot refuse it before reading), answering status and body. */
function postChunked(baseUrl: string, path: string, chunks: number, chunkSize: number): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    const chunk = Buffer.alloc(chunkSize, 'x');
    request.write('{"text":"');
    let sent = 0;
    const more = () => {
      while (sent < chunks) {
        sent++;
        if (!request.write(chunk)) return void request.once('drain', more);
      }
      request.end('"}');
    };
    more();
  });
}

/**
 * POSTs 13 MB with a Content-Length, streamed slowly (as over a real network): the server knows at
 * once it will refuse it, and the client must still read the answer rather than a broken pipe.
 */
async function postSlowly(baseUrl: string, path: string): Promise<Response> {
  const chunk = new Uint8Array(64 * 1024).fill('x'.charCodeAt(0));
  const chunks = 200;
  let sent = 0;
  const body = new ReadableStream({
    async pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('{"text":"'));
      if (sent++ < chunks) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        controller.enqueue(chunk);
      } else {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      }
    },
  });
  const headers = { 'content-type': 'application/json', 'content-length': String(chunks * chunk.length + 11) };
  return fetch(`${baseUrl}${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

describe('limits on what a request may send', () => {
  let server: RunningApp;
  let base: string;
  let sourceId: string;
  let incidentId: string;

  beforeAll(async () => {
    ({ server, base, sourceId, incidentId } = await startAppWithIncident());
  });
  afterAll(() => server.close());

  describe('body size: 1 MiB', () => {
    it('answers a 13 MB body with 413 in the error body, which the client reads (no reset connection), and writes nothing', async () => {
      const unchanged = await logUnchanged(base);
      const body = JSON.stringify({ ...barkhaneSource(), text: 'x'.repeat(13 * 1000 * 1000) });
      const answer = await fetch(`${base}/sources`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expectError({ status: answer.status, headers: answer.headers, body: await answer.json() }, 413, 'Payload Too Large', /./);
      await unchanged();
    });

    it('reads the 413 of a 13 MB body sent in chunks without a Content-Length', async () => {
      const answer = await postChunked(base, '/sources', 13 * 16, 64 * 1024);
      expectError({ ...answer, headers: new Headers() }, 413, 'Payload Too Large', /./);
    });

    it('reads the 413 of a 13 MB body that is still arriving when the server refuses it (three times over)', async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const answer = await postSlowly(base, '/sources');
        expectError({ status: answer.status, headers: answer.headers, body: await answer.json() }, 413, 'Payload Too Large', /./);
      }
    });

    it('still serves on the same server after refusing large bodies', async () => {
      expect((await http(base, 'GET', '/health')).status).toBe(200);
    });

    it('takes a body just under 1 MiB (a long source text)', async () => {
      const source = { ...barkhaneSource(), text: `${barkhaneSource().text}\n${'x'.repeat(MiB - 20_000)}` };
      expect([200, 201]).toContain((await http(base, 'POST', '/sources', { body: source })).status);
    });
  });

  describe('events a request', () => {
    it('refuses 1,001 events in one append (400 naming events)', async () => {
      const unchanged = await logUnchanged(base);
      const events = Array.from({ length: 1001 }, () => casualties(sourceId));
      expectError(await recordEvents(base, incidentId, events), 400, 'Bad Request', /^events must contain no more than \d+ elements$/);
      await unchanged();
    });

    it('refuses 1,001 events for one incident of an import (400 naming the incident)', async () => {
      const unchanged = await logUnchanged(base);
      const document = barkhaneImport();
      const [first] = document.incidents;
      const events = Array.from({ length: 1001 }, () => first.events[0]);
      const answer = await http(base, 'POST', '/imports', { body: { ...document, incidents: [{ ...first, events }] } });
      expectError(answer, 400, 'Bad Request', /^incidents\.0\.events must contain no more than \d+ elements$/);
      await unchanged();
    });
  });

  describe('nesting', () => {
    it('refuses JSON nested deeper than 32 levels (400), on any write', async () => {
      const unchanged = await logUnchanged(base);
      const answer = await http(base, 'POST', '/sources', { body: { ...barkhaneSource(), extra: nested(40) } });
      expectError(answer, 400, 'Bad Request', 'body must not nest objects and arrays more than 32 levels deep');
      await unchanged();
    });

    it('answers 400, not 500, to a body of 100,000 nested arrays', async () => {
      const answer = await http(base, 'POST', `/incidents/${incidentId}/events`, { raw: `{"events":${'['.repeat(100_000)}${']'.repeat(100_000)}}` });
      expectError(answer, 400, 'Bad Request', 'body must not nest objects and arrays more than 32 levels deep');
    });
  });

  describe('string lengths', () => {
    it.each([
      ['a source title', () => ({ ...barkhaneSource(), title: 't'.repeat(2001) }), 'title must be shorter than or equal to 2000 characters'],
      ['a source publisher', () => ({ ...barkhaneSource(), publisher: 'p'.repeat(501) }), 'publisher must be shorter than or equal to 500 characters'],
      ['a language tag', () => ({ ...barkhaneSource(), language: `fr${'-abcdefgh'.repeat(10)}` }), 'language must be shorter than or equal to 35 characters'],
    ])('refuses %s that is too long (400 naming it)', async (_what, source, message) => {
      const unchanged = await logUnchanged(base);
      expectError(await http(base, 'POST', '/sources', { body: source() }), 400, 'Bad Request', message);
      await unchanged();
    });

    it('refuses a too long element of a list of names (raid support)', async () => {
      const unchanged = await logUnchanged(base);
      const event = facts.raid(sourceId);
      const answer = await recordEvents(base, incidentId, [{ ...event, data: { ...event.data, support: ['s'.repeat(2001)] } }]);
      expectError(answer, 400, 'Bad Request', 'events.0.data.support each value in support must be shorter than or equal to 2000 characters');
      await unchanged();
    });

    it('refuses an excerpt over 20,000 characters', async () => {
      const event = casualties(sourceId);
      const answer = await recordEvents(base, incidentId, [{ ...event, source: { sourceId, excerpt: 'e'.repeat(20_001) } }]);
      expectError(answer, 400, 'Bad Request', 'events.0.source.excerpt must be shorter than or equal to 20000 characters');
    });
  });

  describe('security headers', () => {
    it('sends helmet headers on API answers', async () => {
      const answer = await http(base, 'GET', '/health');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(answer.headers.get('x-powered-by')).toBeNull();
    });

    it('keeps /docs working under the policy: its scripts are files from this server, its styles are allowed inline', async () => {
      const page = await http(base, 'GET', '/docs');
      expect(page.status).toBe(200);
      const policy = page.headers.get('content-security-policy')!;
      expect(policy).toMatch(/script-src 'self'/);
      expect(policy).toMatch(/style-src [^;]*'unsafe-inline'/);
      expect(policy).not.toMatch(/upgrade-insecure-requests/);
      const html = String(page.body);
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(inline.trim()).toBe('');
        const src = /src="([^"]+)"/.exec(attributes)![1];
        expect(src).not.toMatch(/^[a-z]+:/i);
        const script = await fetch(new URL(src, `${base}/docs`));
        await script.arrayBuffer();
        expect(script.status).toBe(200);
      }
    });

    it('sends no CORS headers when CORS_ORIGINS is not set', async () => {
      const answer = await http(base, 'GET', '/health', { headers: { origin: 'https://example.org' } });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('CORS with CORS_ORIGINS set', () => {
  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp({ CORS_ORIGINS: 'https://example.org,http://localhost:8080' });
  });
  afterAll(() => server.close());

  it('allows the origins named, and exposes the headers a client reads', async () => {
    const answer = await http(server.baseUrl, 'GET', '/health', { headers: { origin: 'http://localhost:8080' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(answer.headers.get('access-control-expose-headers')).toMatch(/ETag/);
  });

  it('answers a preflight for a POST with Idempotency-Key', async () => {
    const answer = await fetch(`${server.baseUrl}/incidents`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://example.org');
    expect(answer.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
  });

  it('does not allow another origin', async () => {
    const answer = await http(server.baseUrl, 'GET', '/health', { headers: { origin: 'https://elsewhere.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After and the error body past RATE_LIMIT_PER_MINUTE', async () => {
    const server = await startApp({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      for (let i = 0; i < 5; i++) expect((await http(server.baseUrl, 'GET', '/health')).status).toBe(200);
      const answer = await http(server.baseUrl, 'GET', '/health');
      expectError(answer, 429, 'Too Many Requests', /^too many requests: at most 5 a minute; retry in /);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      // A refused write is refused before it is read or run, and the client still reads the answer.
      const write = await http(server.baseUrl, 'POST', '/sources', { body: barkhaneSource() });
      expect(write.status).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('does not limit local mode when RATE_LIMIT_PER_MINUTE is not set (the benchmark runs there)', async () => {
    const server = await startApp();
    try {
      const answers = await Promise.all(Array.from({ length: 50 }, () => http(server.baseUrl, 'GET', '/health')));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      expect(answers[0].headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await server.close();
    }
  });
});
