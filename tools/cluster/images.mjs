// Container images without a registry: a busybox image from Debian's
// dynamically linked busybox (glibc resolves cluster names through
// /etc/nsswitch.conf, which a static build cannot) and a pause image, each
// written as an OCI archive and imported into containerd under the names our
// manifests use on any cluster.
import crypto from 'node:crypto';
import { $, fs, path, tmpdir } from 'zx';
import { IMAGES, paths } from './settings.mjs';

$.quiet = true;

const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');

async function layerTar(rootfs, out) {
  await $`tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C ${rootfs} -cf ${out} .`;
  return fs.readFile(out);
}

/** Writes an OCI image layout archive holding one layer. */
async function writeOciArchive({ rootfs, name, cmd, out }) {
  const work = tmpdir();
  const layer = await layerTar(rootfs, path.join(work, 'layer.tar'));
  const layerDigest = sha256(layer);
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: cmd, Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    rootfs: { type: 'layers', diff_ids: [`sha256:${layerDigest}`] },
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha256(config)}`, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${layerDigest}`, size: layer.length }],
  }));
  const layout = path.join(work, 'layout');
  const blobs = path.join(layout, 'blobs', 'sha256');
  await fs.ensureDir(blobs);
  for (const blob of [layer, config, manifest]) await fs.writeFile(path.join(blobs, sha256(blob)), blob);
  await fs.writeJson(path.join(layout, 'oci-layout'), { imageLayoutVersion: '1.0.0' });
  await fs.writeJson(path.join(layout, 'index.json'), {
    schemaVersion: 2,
    manifests: [{
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${sha256(manifest)}`,
      size: manifest.length,
      annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': name.split(':').pop() },
    }],
  });
  await fs.ensureDir(path.dirname(out));
  await $`tar --sort=name --mtime=@0 --owner=0 --group=0 -C ${layout} -cf ${out} .`;
  await fs.remove(work);
}

async function debianVersion(pkg) {
  const { stdout } = await $`apt-cache policy ${pkg}`;
  const match = /Candidate:\s*(\S+)/.exec(stdout);
  if (!match || match[1] === '(none)') throw new Error(`Debian package ${pkg} is not available; run apt-get update`);
  return match[1].replace(/[^\w.+-]/g, '_');
}

async function buildBusybox(out) {
  const work = tmpdir();
  await $({ cwd: work })`apt-get download busybox`;
  const deb = (await fs.readdir(work)).find((f) => f.endsWith('.deb'));
  const extracted = path.join(work, 'deb');
  await $`dpkg-deb -x ${path.join(work, deb)} ${extracted}`;
  const rootfs = path.join(work, 'rootfs');
  for (const dir of ['bin', 'etc', 'tmp', 'root', 'home', 'var/www', 'usr/bin', 'usr/sbin', 'sbin', 'lib64', 'lib/x86_64-linux-gnu']) {
    await fs.ensureDir(path.join(rootfs, dir));
  }
  await fs.chmod(path.join(rootfs, 'tmp'), 0o1777);
  const busybox = path.join(rootfs, 'bin', 'busybox');
  await fs.copy(path.join(extracted, 'bin', 'busybox'), busybox);
  // The shared libraries busybox links against, taken from this machine's glibc.
  const { stdout: ldd } = await $`ldd ${busybox}`;
  for (const lib of ldd.matchAll(/(\/\S+\.so[.\d]*)/g)) {
    const real = await fs.realpath(lib[1]);
    const target = lib[1].startsWith('/lib64/') ? lib[1] : path.join('/lib/x86_64-linux-gnu', path.basename(lib[1]));
    await fs.copy(real, path.join(rootfs, target));
  }
  const { stdout: applets } = await $`${busybox} --list`;
  for (const applet of applets.split('\n').filter((a) => a && a !== 'busybox')) {
    await fs.symlink('busybox', path.join(rootfs, 'bin', applet));
  }
  await fs.writeFile(path.join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  await fs.writeFile(path.join(rootfs, 'etc/group'), 'root:x:0:\ndaemon:x:1:\nwww-data:x:33:\nnogroup:x:65534:\n');
  await fs.writeFile(path.join(rootfs, 'etc/nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files dns\n');
  await writeOciArchive({ rootfs, name: IMAGES.busybox, cmd: ['sh'], out });
  await fs.remove(work);
}

async function buildPause(out) {
  const work = tmpdir();
  const rootfs = path.join(work, 'rootfs');
  await fs.ensureDir(rootfs);
  await $`gcc -Os -static -o ${path.join(rootfs, 'pause')} ${path.join(import.meta.dirname, 'pause.c')}`;
  await writeOciArchive({ rootfs, name: IMAGES.pause, cmd: ['/pause'], out });
  await fs.remove(work);
}

/** Builds (or reuses from the cache) both archives and returns their paths. */
export async function ensureImageArchives() {
  const version = await debianVersion('busybox');
  const busybox = path.join(paths.imagesDir, `busybox-${version}.oci.tar`);
  const pause = path.join(paths.imagesDir, `pause-${sha256(await fs.readFile(path.join(import.meta.dirname, 'pause.c'))).slice(0, 12)}.oci.tar`);
  if (!(await fs.pathExists(busybox))) await buildBusybox(busybox);
  if (!(await fs.pathExists(pause))) await buildPause(pause);
  return [busybox, pause];
}

/** Imports the archives into containerd's Kubernetes namespace. */
export async function importImages(archives) {
  for (const archive of archives) {
    await $`ctr --address ${paths.containerdSocket} -n k8s.io images import --all-platforms ${archive}`;
  }
}
