#!/usr/bin/env node
// Brings up a real single-node Kubernetes on this machine: etcd, the control
// plane, containerd, the kubelet, kube-proxy and CoreDNS as background
// processes. Safe to run twice.
import { $, fs, path } from 'zx';
import { ensureBinaries } from './binaries.mjs';
import { certFiles, ensureCertificates } from './certs.mjs';
import { writeConfigFiles } from './config-files.mjs';
import { ensureImageArchives, importImages } from './images.mjs';
import { setUpNetwork } from './network.mjs';
import { runcBinary } from './runc-shim.mjs';
import { tearDown } from './down.mjs';
import { runningPid, startProcess, waitFor } from './processes.mjs';
import { ensureHostPackages } from './packages.mjs';
import {
  API_PORT, CONTEXT, ETCD_CLIENT_PORT, ETCD_PEER_PORT, NODE_IP, NODE_NAME, SERVICE_CIDR, STATE_DIR, USER_KUBECONFIG, paths,
} from './settings.mjs';

$.quiet = true;
const timings = [];

async function step(name, work) {
  const started = Date.now();
  console.log(`- ${name}`);
  const result = await work();
  timings.push([name, (Date.now() - started) / 1000]);
  return result;
}

async function apiReady(kube) {
  const { exitCode, stdout } = await $`${kube} kubectl --kubeconfig ${paths.adminKubeconfig} get --raw /readyz`.nothrow();
  return exitCode === 0 && stdout.trim() === 'ok';
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('the local cluster runs containers and changes host networking: run as root');
  await step('host packages', ensureHostPackages);
  await step('leftovers of an earlier run', async () => {
    // Processes can be killed from outside while mounts, sandboxes and
    // etcd data stay; a cluster whose control plane is gone starts from clean.
    if (!(await runningPid('kube-apiserver')) && (await fs.pathExists(path.join(STATE_DIR, 'containerd')))) {
      console.log('  no control plane running but state left behind: clearing it');
      await tearDown();
    }
  });
  const bins = await step('Kubernetes and CoreDNS binaries', () => ensureBinaries((line) => console.log(`  ${line}`)));
  const kube = bins.kube;
  const kubectl = (...args) => $`${kube} kubectl --kubeconfig ${paths.adminKubeconfig} ${args}`;

  await step('certificates, configs, network', async () => {
    await fs.ensureDir(STATE_DIR);
    await ensureCertificates();
    await writeConfigFiles({ runc: await runcBinary() });
    await setUpNetwork();
    await fs.ensureDir(paths.binLinks);
    await fs.writeFile(path.join(paths.binLinks, 'kubectl'), `#!/bin/sh\nexec ${kube} kubectl "$@"\n`, { mode: 0o755 });
  });

  await step('etcd', async () => {
    await startProcess('etcd', 'etcd', [
      `--data-dir=${paths.etcdData}`, '--name=crashlab',
      `--listen-client-urls=http://127.0.0.1:${ETCD_CLIENT_PORT}`, `--advertise-client-urls=http://127.0.0.1:${ETCD_CLIENT_PORT}`,
      `--listen-peer-urls=http://127.0.0.1:${ETCD_PEER_PORT}`, `--initial-advertise-peer-urls=http://127.0.0.1:${ETCD_PEER_PORT}`,
      `--initial-cluster=crashlab=http://127.0.0.1:${ETCD_PEER_PORT}`, '--listen-metrics-urls=http://127.0.0.1:23810',
    ], { ETCD_UNSUPPORTED_ARCH: '' });
    await waitFor('etcd health', async () => (await fetch(`http://127.0.0.1:${ETCD_CLIENT_PORT}/health`)).ok);
  });

  await step('API server', async () => {
    await startProcess('kube-apiserver', kube, ['kube-apiserver',
      `--etcd-servers=http://127.0.0.1:${ETCD_CLIENT_PORT}`, `--secure-port=${API_PORT}`, '--bind-address=0.0.0.0',
      `--advertise-address=${NODE_IP}`, `--service-cluster-ip-range=${SERVICE_CIDR}`,
      `--tls-cert-file=${certFiles.apiserverCert}`, `--tls-private-key-file=${certFiles.apiserverKey}`,
      `--client-ca-file=${certFiles.ca}`, `--kubelet-client-certificate=${certFiles.adminCert}`,
      `--kubelet-client-key=${certFiles.adminKey}`, '--kubelet-preferred-address-types=InternalIP',
      `--service-account-issuer=https://kubernetes.default.svc.cluster.local`,
      `--service-account-key-file=${certFiles.saPub}`, `--service-account-signing-key-file=${certFiles.saKey}`,
      '--authorization-mode=Node,RBAC', '--allow-privileged=true',
      `--audit-policy-file=${paths.auditPolicy}`, `--audit-log-path=${paths.auditLog}`, '--audit-log-maxsize=200',
      '--audit-log-maxbackup=2', '--profiling=false',
    ]);
    await waitFor('API server /readyz', () => apiReady(kube), { timeoutMs: 180_000 });
  });

  await step('controller manager and scheduler', async () => {
    await startProcess('kube-controller-manager', kube, ['kube-controller-manager',
      `--kubeconfig=${paths.adminKubeconfig}`, `--authentication-kubeconfig=${paths.adminKubeconfig}`,
      `--authorization-kubeconfig=${paths.adminKubeconfig}`, '--leader-elect=false', '--bind-address=127.0.0.1',
      `--service-account-private-key-file=${certFiles.saKey}`, `--root-ca-file=${certFiles.ca}`,
      `--cluster-signing-cert-file=${certFiles.ca}`, `--cluster-signing-key-file=${certFiles.caKey}`,
      '--use-service-account-credentials=false', '--controllers=*,-nodeipam,-cloud-node-lifecycle',
      '--node-monitor-grace-period=40s', '--profiling=false',
    ]);
    await startProcess('kube-scheduler', kube, ['kube-scheduler',
      `--kubeconfig=${paths.adminKubeconfig}`, `--authentication-kubeconfig=${paths.adminKubeconfig}`,
      `--authorization-kubeconfig=${paths.adminKubeconfig}`, '--leader-elect=false', '--bind-address=127.0.0.1', '--profiling=false',
    ]);
  });

  await step('containerd and images', async () => {
    await startProcess('containerd', 'containerd', ['--config', paths.containerdConfig]);
    await waitFor('containerd', async () => (await $`ctr --address ${paths.containerdSocket} version`.nothrow()).exitCode === 0);
    await importImages(await ensureImageArchives());
  });

  await step('kubelet, kube-proxy, CoreDNS', async () => {
    await fs.ensureDir(paths.kubeletDir);
    await startProcess('kubelet', kube, ['kubelet',
      `--config=${paths.kubeletConfig}`, `--kubeconfig=${paths.adminKubeconfig}`, `--root-dir=${paths.kubeletDir}`,
      `--hostname-override=${NODE_NAME}`, `--node-ip=${NODE_IP}`,
    ]);
    await startProcess('kube-proxy', kube, ['kube-proxy', `--config=${paths.kubeProxyConfig}`]);
    await startProcess('coredns', bins.coredns, ['-conf', paths.corefile]);
  });

  await step('kubeconfig context', async () => {
    const env = { ...process.env, KUBECONFIG: USER_KUBECONFIG };
    await fs.ensureDir(path.dirname(USER_KUBECONFIG));
    const k = (...args) => $({ env })`${kube} kubectl ${args}`;
    await k('config', 'set-cluster', CONTEXT, `--server=https://127.0.0.1:${API_PORT}`, `--certificate-authority=${certFiles.ca}`, '--embed-certs=true');
    await k('config', 'set-credentials', `${CONTEXT}-admin`, `--client-certificate=${certFiles.adminCert}`, `--client-key=${certFiles.adminKey}`, '--embed-certs=true');
    await k('config', 'set-context', CONTEXT, `--cluster=${CONTEXT}`, `--user=${CONTEXT}-admin`);
    await k('config', 'use-context', CONTEXT);
  });

  await step('node Ready and DNS serving', async () => {
    await waitFor(`node ${NODE_NAME} Ready`, async () => {
      const { stdout } = await kubectl('get', 'node', NODE_NAME, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}');
      return stdout.trim() === 'True';
    }, { timeoutMs: 180_000 });
    await waitFor('CoreDNS ready', async () => (await fetch('http://127.0.0.1:28181/ready')).ok);
  });

  console.log(`\nLocal cluster is up: context ${CONTEXT} in ${USER_KUBECONFIG}; state and logs in ${STATE_DIR}`);
  console.log(`kubectl for this release: ${path.join(paths.binLinks, 'kubectl')}`);
  console.log('\nwhere the time went:');
  for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(7)}s  ${name}`);
}

main().catch((error) => {
  console.error(`cluster:up failed: ${error.message.split('\n')[0]}`);
  process.exit(1);
});
