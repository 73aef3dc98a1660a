// The child the kill harness SIGKILLs: runs one workload's step over and over (or `steps` times, then
// exits 0). It says `ready` once loaded, and acknowledges ids only after the append that wrote them
// resolved, with its own fsync'd append to the ack file.
// Usage: node --import tsx kill-child.ts <workload> <dir> <generation> <seed> [steps]
import { promises as fsp } from 'node:fs';
import { rngOf, mixSeed } from './rng.js';
import { ackFileOf, type StepContext } from './workload.js';
import { workloads } from './workloads.js';

const [name = '', dir = '', genArg = '', seedArg = '', stepsArg] = process.argv.slice(2);
const workload = workloads[name];
if (workload === undefined || dir === '' || !/^\d+$/.test(genArg) || !/^\d+$/.test(seedArg)) {
  process.stderr.write('usage: kill-child.ts <workload> <dir> <generation> <seed> [steps]\n');
  process.exit(64);
}

const ack = async (ids: readonly string[]): Promise<void> => {
  const handle = await fsp.open(ackFileOf(dir), 'a');
  try {
    await handle.write(`${ids.join('\n')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
};

const gen = Number(genArg);
let seq = 0;
const ctx: StepContext = {
  dir,
  gen,
  rng: rngOf(mixSeed(Number(seedArg), gen)),
  nextId: () => `${gen}-${seq++}`,
  ack,
};

const main = async (): Promise<void> => {
  process.stdout.write('ready\n');
  const steps = stepsArg === undefined ? Infinity : Number(stepsArg);
  for (let i = 0; i < steps; i += 1) await workload.step(ctx);
};

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
