import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eContext, Learner } from './harness.js';

const LOCAL_CLUSTER = existsSync('/var/lib/crashlab-cluster/pids/kubelet.pid');

// What the scenarios lean on: the busybox image resolves service names
// through cluster DNS and reaches a Service's pods.
const namespace = `e2e-net-${randomBytes(3).toString('hex')}`;
let learner: Learner;

const manifest = `
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - name: web
    image: busybox:1.36
    imagePullPolicy: IfNotPresent
    command: [sh, -c, 'mkdir -p /www && echo served-by-web > /www/index.html && exec httpd -f -p 8080 -h /www']
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`;

describe('the cluster under the scenarios', () => {
  beforeAll(async () => {
    learner = new Learner(await e2eContext());
    expect((await learner.kubectl('create', 'namespace', namespace)).code).toBe(0);
  });

  afterAll(async () => {
    await learner.kubectl('delete', 'namespace', namespace, '--wait=false');
  });

  test('a busybox pod resolves a Service by name and gets an answer through it', async () => {
    const applied = await learner.shell(`cat <<'EOF' | kubectl -n ${namespace} apply -f -\n${manifest}\nEOF`);
    expect(applied.code, applied.stderr).toBe(0);
    const ready = await learner.kubectl('-n', namespace, 'wait', 'pod/web', '--for=condition=Ready', '--timeout=120s');
    expect(ready.code, ready.stderr).toBe(0);
    const script = `nslookup web.${namespace}.svc.cluster.local && timeout 10 nc web 80 </dev/null >/dev/null && printf 'GET / HTTP/1.0\\r\\n\\r\\n' | timeout 10 nc web 80`;
    const started = await learner.kubectl('-n', namespace, 'run', 'client', '--image=busybox:1.36', '--image-pull-policy=IfNotPresent',
      '--restart=Never', '--command', '--', 'sh', '-c', script);
    expect(started.code, started.stderr).toBe(0);
    const done = await learner.kubectl('-n', namespace, 'wait', 'pod/client', '--for=jsonpath={.status.phase}=Succeeded', '--timeout=120s');
    const client = await learner.kubectl('-n', namespace, 'logs', 'client');
    expect(done.code, `client pod did not succeed: ${client.stdout}`).toBe(0);
    expect(client.stdout).toContain(`web.${namespace}.svc.cluster.local`);
    expect(client.stdout).toContain('served-by-web');
  });

  test.skipIf(!LOCAL_CLUSTER)('on the local cluster, pod traffic is dropped before it could leave the bridge', () => {
    // mangle comes before filter, where kube-proxy's ACCEPT rules live
    const forward = execFileSync('iptables', ['-t', 'mangle', '-S', 'FORWARD'], { encoding: 'utf8' }).split('\n');
    expect(forward.find((rule) => rule.startsWith('-A FORWARD')), 'first mangle FORWARD rule').toBe('-A FORWARD -j CRASHLAB-ISOLATE');
    const isolate = execFileSync('iptables', ['-t', 'mangle', '-S', 'CRASHLAB-ISOLATE'], { encoding: 'utf8' });
    expect(isolate).toContain('-A CRASHLAB-ISOLATE -s 10.88.0.0/16 ! -o cni0 -j DROP');
    expect(isolate).toContain('-A CRASHLAB-ISOLATE -d 10.88.0.0/16 ! -i cni0 -j DROP');
    const nat = execFileSync('iptables', ['-t', 'nat', '-S', 'POSTROUTING'], { encoding: 'utf8' });
    expect(nat, 'no masquerading of pod traffic out of the machine').not.toMatch(/-s 10\.88\.0\.0\/16 .*MASQUERADE/);
    const routes = execFileSync('ip', ['route', 'show', 'type', 'unreachable'], { encoding: 'utf8' });
    expect(routes, 'unassigned service addresses go nowhere').toContain('10.96.0.0/16');
  });
});
