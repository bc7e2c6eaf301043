// Kubernetes and CoreDNS built from Go modules at pinned releases, cached
// outside the repository so a second run skips the build.
import crypto from 'node:crypto';
import { $, fs, path } from 'zx';
import { CACHE_DIR, COREDNS_RELEASE, KUBE_RELEASE } from './settings.mjs';

const toolsDir = path.resolve(import.meta.dirname, '..');

// Stamps the release into the components, so nodes and the server report v1.x.y.
const versionFlags = (release) => {
  const [major, minor] = release.slice(1).split('.');
  const pkg = 'k8s.io/component-base/version';
  return [`-X ${pkg}.gitVersion=${release}`, `-X ${pkg}.gitMajor=${major}`, `-X ${pkg}.gitMinor=${minor}`, `-X ${pkg}.gitTreeState=clean`].join(' ');
};

async function sourceDigest(dir, ldflags) {
  const hash = crypto.createHash('sha256').update(ldflags);
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(await fs.readFile(path.join(dir, file)));
  return hash.digest('hex').slice(0, 10);
}

async function ensureBuilt(name, release, log) {
  const source = path.join(toolsDir, name);
  const ldflags = `-s -w ${name === 'kube' ? versionFlags(release) : ''}`.trim();
  const binary = path.join(CACHE_DIR, `${name}-${release}-${await sourceDigest(source, ldflags)}`, name);
  if (await fs.pathExists(binary)) {
    log(`${name} ${release}: reusing ${binary}`);
    return { binary, built: false };
  }
  log(`${name} ${release}: building from Go modules (first run takes a while)`);
  await fs.ensureDir(path.dirname(binary));
  const partial = `${binary}.partial`;
  await $({ cwd: source, env: { ...process.env, CGO_ENABLED: '0' }, verbose: false, quiet: true })`go build -trimpath ${`-ldflags=${ldflags}`} -o ${partial} .`;
  await fs.rename(partial, binary);
  return { binary, built: true };
}

/** Returns paths of the all-in-one kube binary and CoreDNS, building them if needed. */
export async function ensureBinaries(log = console.log) {
  const kube = await ensureBuilt('kube', KUBE_RELEASE, log);
  const coredns = await ensureBuilt('coredns', COREDNS_RELEASE, log);
  return { kube: kube.binary, coredns: coredns.binary, built: kube.built || coredns.built };
}
