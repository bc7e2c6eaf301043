// Where the local cluster lives and how it is wired. One place, so up, down,
// the tests and the benchmark agree.
import os from 'node:os';
import path from 'node:path';

export const KUBE_RELEASE = 'v1.34.4';
export const COREDNS_RELEASE = 'v1.14.7';

export const STATE_DIR = process.env.CRASHLAB_CLUSTER_DIR ?? '/var/lib/crashlab-cluster';
export const CACHE_DIR = process.env.CRASHLAB_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'crashlab');

export const CONTEXT = 'crashlab-local';
export const NODE_NAME = 'crashlab-node';

// Pods live on one local bridge; the node's address on it is the gateway.
export const BRIDGE = 'cni0';
export const POD_CIDR = '10.88.0.0/16';
export const NODE_IP = '10.88.0.1';
export const SERVICE_CIDR = '10.96.0.0/16';
export const API_SERVICE_IP = '10.96.0.1';
export const API_PORT = 6443;
export const ETCD_CLIENT_PORT = 23790;
export const ETCD_PEER_PORT = 23800;

export const IMAGES = {
  busybox: 'docker.io/library/busybox:1.36',
  pause: 'registry.k8s.io/pause:3.10',
};

export const paths = {
  pki: path.join(STATE_DIR, 'pki'),
  logs: path.join(STATE_DIR, 'logs'),
  pids: path.join(STATE_DIR, 'pids'),
  etcdData: path.join(STATE_DIR, 'etcd'),
  containerdRoot: path.join(STATE_DIR, 'containerd', 'root'),
  containerdState: path.join(STATE_DIR, 'containerd', 'state'),
  containerdSocket: path.join(STATE_DIR, 'containerd', 'containerd.sock'),
  containerdConfig: path.join(STATE_DIR, 'containerd', 'config.toml'),
  cniConf: path.join(STATE_DIR, 'cni'),
  kubeletDir: path.join(STATE_DIR, 'kubelet'),
  kubeletConfig: path.join(STATE_DIR, 'kubelet.yaml'),
  kubeProxyConfig: path.join(STATE_DIR, 'kube-proxy.yaml'),
  adminKubeconfig: path.join(STATE_DIR, 'admin.kubeconfig'),
  auditPolicy: path.join(STATE_DIR, 'audit-policy.yaml'),
  auditLog: path.join(STATE_DIR, 'logs', 'audit.log'),
  corefile: path.join(STATE_DIR, 'Corefile'),
  podResolvConf: path.join(STATE_DIR, 'resolv.conf'),
  imagesDir: path.join(CACHE_DIR, 'images'),
  binLinks: path.join(STATE_DIR, 'bin'),
};

/** The kubeconfig crashlab-local is written to (merged as a context). */
export const USER_KUBECONFIG = process.env.KUBECONFIG?.split(':')[0] || path.join(os.homedir(), '.kube', 'config');
