import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** Whether only this machine can reach an address: local mode (no keys) listens on nothing else. */
export function isLoopbackHost(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

export const localModeLog = (host: string): string =>
  `local mode: no access key exists, so every caller is "local" with every role, and the server listens on ${host} only; ` +
  'create a key (npm run cli -- keys create --name <name> --role admin) to require keys';

export const localModeOffLoopback = (host: string): string =>
  `HOST=${host} is not a loopback address and no access key exists: anyone who can reach the server could write as "local". ` +
  'Create a key first (npm run cli -- keys create --name <name> --role admin), or leave HOST unset to listen on 127.0.0.1 only';
