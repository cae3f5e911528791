/**
 * Another process catching up the projections of a database file:
 *   node -r @swc-node/register tests/support/engine-worker.ts <file> <batchSize> [rounds] [wait]
 * It prints "ready" once its engine is initialised (with `wait`, it then waits for a line on
 * stdin, so several workers can start together) and "done" when its catch-ups are over.
 */
import { openRig } from './reliability';

async function main(): Promise<void> {
  const [file, batchSize, rounds = '1', wait] = process.argv.slice(2);
  const rig = await openRig(file, { batchSize: Number(batchSize) });
  process.stdout.write('ready\n');
  if (wait === 'wait') await new Promise((resolve) => process.stdin.once('data', resolve));
  for (let round = 0; round < Number(rounds); round++) await rig.engine.catchUp();
  await rig.close();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
