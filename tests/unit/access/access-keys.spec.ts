import { keyIdOf, keyNameProblem, matchesDigest, newAccessKey } from '../../../src/access/access-key';
import { isLoopbackHost } from '../../../src/access/local-mode';

describe('access keys', () => {
  it('a new key reads ilk_<16 hex id>_<43 base64url chars>, names its id, and matches its digest only', () => {
    const made = newAccessKey();
    expect(made.key).toMatch(/^ilk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(keyIdOf(made.key)).toBe(made.id);
    expect(matchesDigest(made.key, made.digest)).toBe(true);
    expect(matchesDigest(`${made.key.slice(0, -1)}${made.key.endsWith('A') ? 'B' : 'A'}`, made.digest)).toBe(false);
    expect(newAccessKey().key).not.toBe(made.key);
  });

  it.each(['', 'ilk_', 'ilk_0123456789abcdef_short', 'xyz_0123456789abcdef_' + 'a'.repeat(43), 'ilk_0123456789ABCDEF_' + 'a'.repeat(43)])(
    '%j is not a key',
    (text) => expect(keyIdOf(text)).toBeNull(),
  );

  it.each([
    ['ana', null],
    ['ci-reader.2026@example.org', null],
    ['a'.repeat(64), null],
    ['a'.repeat(65), /1 to 64 characters/],
    ['Ana', /lowercase/],
    ['-ana', /starting with a letter or digit/],
    ['ana maria', /lowercase/],
    ['local', /kept for local mode/],
  ])('the name %j: %p', (name, problem) => {
    if (problem === null) expect(keyNameProblem(name)).toBeNull();
    else expect(keyNameProblem(name)).toMatch(problem);
  });
});

describe('local mode listens only on a loopback address', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost', '::ffff:127.0.0.1'])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true));
  it.each(['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', 'example.org', '128.0.0.1'])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));
});
