#!/usr/bin/env node
// Build step after tsc: bundles the CLI (entry src/cli.ts) and the kubectl
// plugin (src/plugin/main.ts) into dist/bundle/
// so a cold start reads a handful of files instead of hundreds, and writes the
// precomputed scenario catalog next to it. Code behind a dynamic import()
// becomes its own chunk, loaded only by the commands that use it.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'bundle');

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: { crashlab: join(ROOT, 'src', 'cli.ts'), 'kubectl-crashlab': join(ROOT, 'src', 'plugin', 'main.ts') },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies call require(); give the ESM chunks a real one
  banner: { js: "import { createRequire as __crashlabRequire } from 'node:module'; const require = __crashlabRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});

// the validated scenario catalog, from the tsc output of the loader
const { loadScenarios } = await import(join(ROOT, 'dist', 'src', 'scenario', 'loader.js'));
const { writePrebuiltCatalog } = await import(join(ROOT, 'dist', 'src', 'scenario', 'prebuilt.js'));
writePrebuiltCatalog(ROOT, loadScenarios({ root: ROOT }));
