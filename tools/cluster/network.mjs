// Host networking for the pod bridge. Pod and service traffic must never
// leave this machine: forwarding is allowed only between the bridge and the
// host, and unassigned service addresses are unreachable instead of routed out.
// The isolation rules sit in the mangle table, which the kernel consults before
// the filter table where kube-proxy adds its ACCEPT rules.
import { $, fs } from 'zx';
import { BRIDGE, NODE_IP, POD_CIDR, SERVICE_CIDR } from './settings.mjs';

$.quiet = true;
const CHAIN = 'CRASHLAB-ISOLATE';

const ok = async (command) => (await command.nothrow()).exitCode === 0;

/** Creates the bridge with the node's address, the sysctls and the isolation rules. */
export async function setUpNetwork() {
  if (!(await ok($`ip link show ${BRIDGE}`))) {
    await $`ip link add ${BRIDGE} type bridge`;
  }
  if (!(await $`ip -4 addr show dev ${BRIDGE}`).stdout.includes(`${NODE_IP}/`)) {
    await $`ip addr add ${NODE_IP}/16 dev ${BRIDGE}`;
  }
  await $`ip link set ${BRIDGE} up`;
  await fs.writeFile('/proc/sys/net/ipv4/ip_forward', '1');
  await fs.writeFile('/proc/sys/net/bridge/bridge-nf-call-iptables', '1');
  if (!(await ok($`ip route show type unreachable ${SERVICE_CIDR}`.pipe($`grep -q .`)))) {
    await $`ip route replace unreachable ${SERVICE_CIDR}`;
  }
  if (!(await ok($`iptables -t mangle -nL ${CHAIN}`))) await $`iptables -t mangle -N ${CHAIN}`;
  await $`iptables -t mangle -F ${CHAIN}`;
  await $`iptables -t mangle -A ${CHAIN} -s ${POD_CIDR} ! -o ${BRIDGE} -j DROP`;
  await $`iptables -t mangle -A ${CHAIN} -d ${POD_CIDR} ! -i ${BRIDGE} -j DROP`;
  if (!(await ok($`iptables -t mangle -C FORWARD -j ${CHAIN}`))) await $`iptables -t mangle -I FORWARD 1 -j ${CHAIN}`;
}

/** Removes the bridge, the route and the rules again. */
export async function tearDownNetwork() {
  while (await ok($`iptables -t mangle -D FORWARD -j ${CHAIN}`));
  if (await ok($`iptables -t mangle -nL ${CHAIN}`)) {
    await $`iptables -t mangle -F ${CHAIN}`;
    await $`iptables -t mangle -X ${CHAIN}`;
  }
  await $`ip route del unreachable ${SERVICE_CIDR}`.nothrow();
  await $`ip link del ${BRIDGE}`.nothrow();
}
