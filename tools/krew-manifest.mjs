#!/usr/bin/env node
// Writes the krew plugin manifest for a packed tarball:
//   node tools/krew-manifest.mjs <crashlab-x.y.z.tgz> [out.yaml]
// (default out: plugins/krew/crashlab.yaml). The archive krew installs is the
// npm tarball itself: the bundle inside needs nothing but Node on PATH.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export function krewManifest({ version, sha256 }) {
  const platform = (os) => `  - selector:
      matchLabels:
        os: ${os}
    uri: https://registry.npmjs.org/crashlab/-/crashlab-${version}.tgz
    sha256: ${sha256}
    files:
      - from: package/*
        to: .
    bin: bin/kubectl-crashlab.js
`;
  return `# krew plugin manifest; regenerate from the packed tarball with
#   npm pack && node tools/krew-manifest.mjs crashlab-${version}.tgz
# Try it before publishing: kubectl krew install --manifest=plugins/krew/crashlab.yaml --archive=crashlab-${version}.tgz
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: crashlab
spec:
  version: v${version}
  homepage: https://www.npmjs.com/package/crashlab
  shortDescription: Hands-on CrashLoopBackOff triage drills
  description: |
    Deploys a deliberately broken workload into a namespace of its own,
    waits until the crash shows in live pod state, asks you for the cause,
    the deciding evidence and the remedy, then grades your kubectl fix
    against the cluster. 'kubectl crashlab explain <pod>' names the cause of
    a crash-looping pod on its own. Needs Node.js 20.19 or newer on PATH.
  caveats: |
    crashlab runs on Node.js: install Node 20.19+ first. Start with
    'kubectl crashlab doctor' to see whether the current context can run drills.
  platforms:
${['linux', 'darwin'].map(platform).join('')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [tarball, out = join(ROOT, 'plugins', 'krew', 'crashlab.yaml')] = process.argv.slice(2);
  if (!tarball) {
    console.error('usage: node tools/krew-manifest.mjs <crashlab-x.y.z.tgz> [out.yaml]');
    process.exit(2);
  }
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const sha256 = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  writeFileSync(out, krewManifest({ version, sha256 }));
  console.log(`${out}: crashlab ${version}, sha256 ${sha256}`);
}
