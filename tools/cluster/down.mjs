#!/usr/bin/env node
// Stops the local cluster and leaves no process, mount, network namespace or
// firewall rule behind. Certificates stay, so a later `up` keeps the same CA.
import { fileURLToPath } from 'node:url';
import { $, fs, path, sleep } from 'zx';
import { tearDownNetwork } from './network.mjs';
import { runningPid, stopProcess } from './processes.mjs';
import { STATE_DIR, paths } from './settings.mjs';

$.quiet = true;
const ctr = (...args) => $`ctr --address ${paths.containerdSocket} -n k8s.io ${args}`.nothrow();

async function removeAllContainers() {
  if (!(await runningPid('containerd'))) return;
  const tasks = (await ctr('tasks', 'ls', '-q')).stdout.split('\n').filter(Boolean);
  for (const task of tasks) await ctr('tasks', 'kill', '-s', 'SIGKILL', task);
  for (const task of tasks) await ctr('tasks', 'delete', '-f', task);
  const containers = (await ctr('containers', 'ls', '-q')).stdout.split('\n').filter(Boolean);
  if (containers.length) await ctr('containers', 'rm', ...containers);
}

async function killShims() {
  const { stdout } = await $`pgrep -f ${`containerd-shim.*-address ${paths.containerdSocket}`}`.nothrow();
  for (const pid of stdout.split('\n').filter(Boolean)) await $`kill -9 ${pid}`.nothrow();
}

/** Kills whatever is left in the kubelet's cgroups and removes them, deepest first. */
async function removeKubeCgroups() {
  for (const controller of await fs.readdir('/sys/fs/cgroup').catch(() => [])) {
    const root = path.join('/sys/fs/cgroup', controller, 'kubepods');
    if (!(await fs.pathExists(root))) continue;
    const { stdout } = await $`find ${root} -depth -type d`.nothrow();
    for (const dir of stdout.split('\n').filter(Boolean)) {
      const procs = await fs.readFile(path.join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
      for (const pid of procs.split('\n').filter(Boolean)) await $`kill -9 ${pid}`.nothrow();
    }
    for (const dir of stdout.split('\n').filter(Boolean)) {
      for (let tries = 0; tries < 20 && (await $`rmdir ${dir}`.nothrow()).exitCode !== 0; tries++) await sleep(100);
    }
  }
}

async function unmountLeftovers() {
  const mounts = (await fs.readFile('/proc/mounts', 'utf8')).split('\n').map((line) => line.split(' ')[1]).filter(Boolean);
  const ours = mounts
    .filter((m) => m.startsWith(STATE_DIR) || m.startsWith('/run/containerd') || m.startsWith('/run/netns/cni-') || m.startsWith('/var/run/netns/cni-'))
    .sort((a, b) => b.length - a.length);
  for (const mount of ours) await $`umount -l ${mount}`.nothrow();
  for (const dir of ['/run/netns', '/var/run/netns']) {
    for (const ns of await fs.readdir(dir).catch(() => [])) {
      if (ns.startsWith('cni-')) await fs.remove(path.join(dir, ns));
    }
  }
  return ours.length;
}

/** Stops every component and releases what they held; harmless when nothing runs. */
export async function tearDown() {
  await stopProcess('kubelet');
  await removeAllContainers();
  await stopProcess('containerd');
  await killShims();
  await removeKubeCgroups();
  const kube = (await fs.readFile(path.join(paths.binLinks, 'kubectl'), 'utf8').catch(() => '')).match(/exec (\S+) kubectl/)?.[1];
  await stopProcess('kube-proxy');
  if (kube) await $`${kube} kube-proxy --cleanup`.nothrow();
  for (const name of ['coredns', 'kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'etcd']) await stopProcess(name);
  const unmounted = await unmountLeftovers();
  await tearDownNetwork();
  await fs.remove('/var/lib/cni/networks/crashlab');
  for (const dir of [paths.etcdData, path.join(STATE_DIR, 'containerd'), paths.kubeletDir]) {
    await fs.remove(dir).catch(() => $`rm -rf ${dir}`.nothrow());
  }
  return unmounted;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  tearDown()
    .then((unmounted) => console.log(`Local cluster is down (${unmounted} mounts released). Logs kept in ${paths.logs}.`))
    .catch((error) => {
      console.error(`cluster:down failed: ${error.message.split('\n')[0]}`);
      process.exit(1);
    });
}
