// A private CA and the few certificates the control plane needs, made with
// openssl. Kept across restarts so existing kubeconfigs stay valid.
import { $, fs, path } from 'zx';
import { API_SERVICE_IP, NODE_IP, NODE_NAME, paths } from './settings.mjs';

$.quiet = true;

const pki = (name) => path.join(paths.pki, name);

async function issue(name, subject, sans) {
  if (await fs.pathExists(pki(`${name}.crt`))) return;
  const ext = pki(`${name}.ext`);
  const lines = ['basicConstraints=CA:FALSE', 'keyUsage=digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth,clientAuth'];
  if (sans) lines.push(`subjectAltName=${sans}`);
  await fs.writeFile(ext, lines.join('\n') + '\n');
  await $`openssl genrsa -out ${pki(`${name}.key`)} 2048`;
  await $`openssl req -new -key ${pki(`${name}.key`)} -subj ${subject} -out ${pki(`${name}.csr`)}`;
  await $`openssl x509 -req -in ${pki(`${name}.csr`)} -CA ${pki('ca.crt')} -CAkey ${pki('ca.key')} -CAcreateserial -days 3650 -extfile ${ext} -out ${pki(`${name}.crt`)}`;
}

/** Creates whatever certificates are missing under the state dir. */
export async function ensureCertificates() {
  await fs.ensureDir(paths.pki);
  if (!(await fs.pathExists(pki('ca.crt')))) {
    await $`openssl genrsa -out ${pki('ca.key')} 2048`;
    await $`openssl req -x509 -new -key ${pki('ca.key')} -subj /CN=crashlab-local-ca -days 3650 -out ${pki('ca.crt')}`;
  }
  const apiSans = [
    'DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc',
    'DNS:kubernetes.default.svc.cluster.local', 'IP:127.0.0.1', `IP:${NODE_IP}`, `IP:${API_SERVICE_IP}`,
  ].join(',');
  await issue('apiserver', '/CN=kube-apiserver', apiSans);
  await issue('kubelet', `/CN=system:node:${NODE_NAME}/O=system:nodes`, `DNS:${NODE_NAME},DNS:localhost,IP:127.0.0.1,IP:${NODE_IP}`);
  // One admin identity serves the components too: this cluster is a test bench, not a multi-tenant one.
  await issue('admin', '/CN=crashlab-admin/O=system:masters');
  if (!(await fs.pathExists(pki('sa.key')))) {
    await $`openssl genrsa -out ${pki('sa.key')} 2048`;
    await $`openssl rsa -in ${pki('sa.key')} -pubout -out ${pki('sa.pub')}`;
  }
}

export const certFiles = {
  ca: pki('ca.crt'),
  caKey: pki('ca.key'),
  apiserverCert: pki('apiserver.crt'),
  apiserverKey: pki('apiserver.key'),
  kubeletCert: pki('kubelet.crt'),
  kubeletKey: pki('kubelet.key'),
  adminCert: pki('admin.crt'),
  adminKey: pki('admin.key'),
  saKey: pki('sa.key'),
  saPub: pki('sa.pub'),
};
