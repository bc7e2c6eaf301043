// Host networking for the pod bridge. Pod and service traffic must never
// leave this machine: forwarding is allowed only between the bridge and the
// host, and unassigned service addresses are unreachable instead of routed out.
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
  if (!(await ok($`iptables -nL ${CHAIN}`))) await $`iptables -N ${CHAIN}`;
  await $`iptables -F ${CHAIN}`;
  await $`iptables -A ${CHAIN} -s ${POD_CIDR} ! -o ${BRIDGE} -j DROP`;
  await $`iptables -A ${CHAIN} -d ${POD_CIDR} ! -i ${BRIDGE} -j DROP`;
  if (!(await ok($`iptables -C FORWARD -j ${CHAIN}`))) await $`iptables -I FORWARD 1 -j ${CHAIN}`;
}

/** Removes the bridge, the route and the rules again. */
export async function tearDownNetwork() {
  while (await ok($`iptables -D FORWARD -j ${CHAIN}`));
  if (await ok($`iptables -nL ${CHAIN}`)) {
    await $`iptables -F ${CHAIN}`;
    await $`iptables -X ${CHAIN}`;
  }
  await $`ip route del unreachable ${SERVICE_CIDR}`.nothrow();
  await $`ip link del ${BRIDGE}`.nothrow();
}
