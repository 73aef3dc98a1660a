// `npm run build` runs this after the manifest: bundles each command's implementing module, with every
// module and package it imports, into one file under dist/runners/bundled/, and records it in the
// manifest (`bundle`). A cold command then loads one file instead of ~180 ES modules (each an async
// open and read), about half of `loop reconcile`'s CPU at start-up. Loading stays lazy: the bin reads
// the manifest and imports only the bundle of the command that runs. The unbundled dist/ is unchanged
// (the library's exports, the bench's in-process children and the digest worker use it).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type OnResolveArgs, type Plugin } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_MAIN, type CommandEntry } from '../runners/cli/lazy.js';
import { MANIFEST_NAME } from '../runners/lazy-commands.js';

const RUNNERS = fileURLToPath(new URL('../dist/runners/', import.meta.url));
const OUT = 'bundled';

// CommonJS packages inside an ES module bundle call require() for node's built-ins.
const BANNER =
  "import { createRequire as __opsfoldRequire } from 'node:module';\nconst require = __opsfoldRequire(import.meta.url);";

/** Bundles every command module the manifest names; rewrites the manifest; resolves to the count. */
/**
 * Resolves `fp-ts/lib/X.js` (how the sources import fp-ts) to `fp-ts/es6/X.js`, and `io-ts` to
 * `io-ts/es6/index.js`: the packages' ES module builds of the same code.
 */
const esModuleFpTs: Plugin = {
  name: 'fp-ts-es6',
  setup(b) {
    const to = (path: string, args: OnResolveArgs) =>
      b.resolve(path, { kind: args.kind, resolveDir: args.resolveDir });
    b.onResolve({ filter: /^fp-ts\/lib\// }, (args) =>
      to(args.path.replace(/^fp-ts\/lib\//, 'fp-ts/es6/'), args),
    );
    b.onResolve({ filter: /^io-ts$/ }, (args) => to('io-ts/es6/index.js', args));
  },
};

export const bundleCommands = async (dir: string = RUNNERS): Promise<number> => {
  const file = `${dir}/${MANIFEST_NAME}`;
  const entries = JSON.parse(readFileSync(file, 'utf8')) as CommandEntry[];
  const modules = [...new Set(entries.map((e) => e.module))];
  rmSync(`${dir}/${OUT}`, { recursive: true, force: true });
  // Each bundle also exports its own copy of `main`: the bin runs that one (runners/cli/lazy.ts).
  const src = mkdtempSync(join(tmpdir(), 'opsfold-bundle-'));
  const entryPoints = modules.map((m) => {
    const wrapper = join(src, `${m.replace(/\//g, '__')}.js`);
    writeFileSync(
      wrapper,
      `export * from ${JSON.stringify(`${dir}/${m}.js`)};\n` +
        `export { main as ${BUNDLE_MAIN} } from ${JSON.stringify(`${dir}/cli/main.js`)};\n`,
    );
    return { in: wrapper, out: m };
  });
  await build({
    entryPoints,
    outdir: `${dir}/${OUT}`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // A native addon and a browser driver are loaded from node_modules where they are installed, and so
    // are the NATS clients (lib/io/nats/connect.ts imports them only when a connection is opened):
    // bundled, they were half of every command's bytes to parse at start-up.
    external: ['better-sqlite3', 'playwright-core', '@nats-io/*'],
    // The ES module builds of fp-ts and io-ts (same code as their CommonJS lib/ builds): bundled from
    // CommonJS, every `E.isLeft` in a hot loop went through an interop getter (~10 % of a full fold).
    plugins: [esModuleFpTs],
    banner: { js: BANNER },
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  rmSync(src, { recursive: true, force: true });
  const bundled = entries.map((e) => ({ ...e, bundle: `${OUT}/${e.module}` }));
  writeFileSync(file, `${JSON.stringify(bundled)}\n`);
  return modules.length;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1])
  process.stdout.write(`dist/runners/${OUT}/: ${await bundleCommands()} command modules bundled\n`);
