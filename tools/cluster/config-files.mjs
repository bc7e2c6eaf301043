// The configuration files of the local cluster, written fresh on every start
// so a changed setting always takes effect.
import { fs, path } from 'zx';
import { certFiles } from './certs.mjs';
import {
  API_PORT, BRIDGE, CONTEXT, IMAGES, NODE_IP, NODE_NAME, POD_CIDR, paths,
} from './settings.mjs';

function kubeconfig(server) {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${CONTEXT}
  cluster:
    server: ${server}
    certificate-authority: ${certFiles.ca}
users:
- name: ${CONTEXT}-admin
  user:
    client-certificate: ${certFiles.adminCert}
    client-key: ${certFiles.adminKey}
contexts:
- name: ${CONTEXT}
  context: {cluster: ${CONTEXT}, user: ${CONTEXT}-admin}
current-context: ${CONTEXT}
`;
}

const containerdConfig = (runc) => `version = 2
root = "${paths.containerdRoot}"
state = "${paths.containerdState}"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "${paths.containerdSocket}"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${IMAGES.pause}"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        BinaryName = "${runc}"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${paths.cniConf}"
`;

// ipMasq stays off: pod traffic is never rewritten to leave the machine.
const cniConfig = () => JSON.stringify({
  cniVersion: '1.0.0',
  name: 'crashlab',
  plugins: [
    {
      type: 'bridge', bridge: BRIDGE, isGateway: true, ipMasq: false, hairpinMode: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: POD_CIDR, gateway: NODE_IP }]], routes: [{ dst: '0.0.0.0/0' }] },
    },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
}, null, 2);

const kubeletConfig = () => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: ${certFiles.ca}}
authorization: {mode: Webhook}
cgroupDriver: cgroupfs
failCgroupV1: false
containerRuntimeEndpoint: unix://${paths.containerdSocket}
clusterDNS: [${NODE_IP}]
clusterDomain: cluster.local
resolvConf: ${paths.podResolvConf}
tlsCertFile: ${certFiles.kubeletCert}
tlsPrivateKeyFile: ${certFiles.kubeletKey}
failSwapOn: false
readOnlyPort: 0
serializeImagePulls: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
syncFrequency: 10s
fileCheckFrequency: 10s
nodeStatusUpdateFrequency: 5s
`;

const kubeProxyConfig = () => `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: ${paths.adminKubeconfig}}
hostnameOverride: ${NODE_NAME}
clusterCIDR: ${POD_CIDR}
mode: iptables
bindAddress: 127.0.0.1
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
conntrack: {maxPerCore: 0}
`;

// Writes: who wrote what, where. Reads are left out to keep the log small.
const auditPolicy = () => `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  verbs: [create, update, patch, delete, deletecollection]
- level: None
`;

// Cluster names only; anything else is refused, never forwarded upstream.
const corefile = () => `cluster.local:53 in-addr.arpa:53 {
    bind ${NODE_IP}
    errors
    kubernetes cluster.local in-addr.arpa {
        kubeconfig ${paths.adminKubeconfig} ${CONTEXT}
        pods insecure
    }
    cache 5
}
.:53 {
    bind ${NODE_IP}
    errors
    health 127.0.0.1:28080
    ready 127.0.0.1:28181
}
`;

/** Writes every config file the components read. */
export async function writeConfigFiles({ runc }) {
  await fs.ensureDir(path.dirname(paths.containerdConfig));
  await fs.ensureDir(paths.cniConf);
  await fs.writeFile(paths.adminKubeconfig, kubeconfig(`https://127.0.0.1:${API_PORT}`));
  await fs.writeFile(paths.containerdConfig, containerdConfig(runc));
  await fs.writeFile(path.join(paths.cniConf, '10-crashlab.conflist'), cniConfig());
  await fs.writeFile(paths.kubeletConfig, kubeletConfig());
  await fs.writeFile(paths.kubeProxyConfig, kubeProxyConfig());
  await fs.writeFile(paths.auditPolicy, auditPolicy());
  await fs.writeFile(paths.corefile, corefile());
  // Pods with dnsPolicy Default get this file: no upstream resolver at all.
  await fs.writeFile(paths.podResolvConf, '# no upstream resolvers: pod traffic stays on this machine\n');
}
