// Debian packages the local cluster runs on; installed when missing.
import { $ } from 'zx';

$.quiet = true;

const NEEDED = {
  containerd: 'containerd', runc: 'runc', etcd: 'etcd-server', iptables: 'iptables',
  conntrack: 'conntrack', openssl: 'openssl', gcc: 'gcc', ip: 'iproute2',
};
const CNI_BRIDGE = '/usr/lib/cni/bridge';

export async function ensureHostPackages() {
  const missing = [];
  for (const [command, pkg] of Object.entries(NEEDED)) {
    if ((await $`command -v ${command}`.nothrow()).exitCode !== 0) missing.push(pkg);
  }
  if ((await $`test -x ${CNI_BRIDGE}`.nothrow()).exitCode !== 0) missing.push('containernetworking-plugins');
  if (missing.length === 0) return;
  console.log(`  installing ${missing.join(' ')}`);
  await $`apt-get update`;
  await $({ env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })`apt-get install -y --no-install-recommends ${missing}`;
}
