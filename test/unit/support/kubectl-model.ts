import { createHash } from 'node:crypto';
import type { Pod } from '../../../src/kube/wire.js';
import type { KubeObject } from '../../../src/scenario/types.js';
import { emptySnapshot, type Snapshot } from '../../../src/snapshot.js';

/**
 * A small model of what the kubectl commands in scenario files do to the
 * objects crashlab applied, and of the live state a cluster would then show.
 * It lets grader tests run the very commands a scenario lists as its
 * reference fix and refused fixes.
 */

/** Splits a command line into words the way a POSIX shell would for these commands. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

type Json = Record<string, unknown>;

function pointer(path: string): string[] {
  return path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function applyJsonPatch(target: Json, ops: { op: string; path: string; value?: unknown }[]): void {
  for (const { op, path, value } of ops) {
    const parts = pointer(path);
    const last = parts.pop()!;
    let node: any = target;
    for (const p of parts) {
      if (node[p] === undefined) {
        if (op !== 'add') throw new Error(`patch path ${path} does not exist`);
        node[p] = {};
      }
      node = node[p];
    }
    if (op === 'remove') {
      if (node[last] === undefined) throw new Error(`patch path ${path} does not exist`);
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else if (op === 'add' || op === 'replace') {
      if (op === 'replace' && node[last] === undefined) throw new Error(`patch path ${path} does not exist`);
      if (Array.isArray(node) && op === 'add') node.splice(last === '-' ? node.length : Number(last), 0, value);
      else node[last] = structuredClone(value);
    } else {
      throw new Error(`unsupported patch op ${op}`);
    }
  }
}

const KINDS: Record<string, string> = { deployment: 'Deployment', deploy: 'Deployment', service: 'Service', svc: 'Service', secret: 'Secret', job: 'Job' };

function find(objects: KubeObject[], ref: string): KubeObject {
  const [kind, name] = ref.split('/');
  const found = objects.find((o) => o.kind === KINDS[kind!.toLowerCase()] && o.metadata.name === name);
  if (!found) throw new Error(`no ${ref} in the model`);
  return found;
}

function firstContainer(object: KubeObject): Json {
  return (object as any).spec.template.spec.containers[0];
}

/** Applies one kubectl command to a copy of the objects. Read-only commands change nothing. */
export function applyKubectl(objects: KubeObject[], line: string): KubeObject[] {
  const next = structuredClone(objects);
  const words = shellWords(line);
  if (words[0] !== 'kubectl') throw new Error(`not a kubectl command: ${line}`);
  const args = words.slice(1).filter((w, i, all) => w !== '-n' && all[i - 1] !== '-n');
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const [verb, sub, target] = args;
  switch (verb) {
    case 'logs':
    case 'describe':
    case 'get':
      return next;
    case 'delete':
      if (sub === 'pod' || sub === 'pods') return next;
      throw new Error(`unsupported delete: ${line}`);
    case 'rollout':
      if (sub === 'status') return next;
      if (sub === 'restart') {
        const object = find(next, target!) as any;
        object.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' };
        return next;
      }
      throw new Error(`unsupported rollout: ${line}`);
    case 'scale':
      (find(next, sub!) as any).spec.replicas = Number(flag('replicas'));
      return next;
    case 'patch': {
      const patch = args[args.indexOf('-p') + 1];
      if (flag('type') !== 'json' || patch === undefined) throw new Error(`only json patches are modelled: ${line}`);
      applyJsonPatch(find(next, sub!) as Json, JSON.parse(patch));
      return next;
    }
    case 'set': {
      const container = firstContainer(find(next, target!)) as any;
      if (sub === 'resources') {
        container.resources ??= {};
        for (const kind of ['limits', 'requests'] as const) {
          const value = flag(kind);
          if (!value) continue;
          container.resources[kind] ??= {};
          for (const pair of value.split(',')) {
            const [k, v] = pair.split('=');
            container.resources[kind][k!] = v;
          }
        }
        return next;
      }
      if (sub === 'env') {
        container.env ??= [];
        for (const pair of args.slice(3).filter((a) => a.includes('='))) {
          const [name, ...rest] = pair.split('=');
          container.env = container.env.filter((e: { name: string }) => e.name !== name);
          container.env.push({ name, value: rest.join('=') });
        }
        return next;
      }
      throw new Error(`unsupported set: ${line}`);
    }
    default:
      throw new Error(`unsupported kubectl verb: ${line}`);
  }
}

export type PodHealth = 'healthy' | 'crashing';

export interface ModelOptions {
  namespace: string;
  /** how the pods of each workload behave; defaults to 'healthy' */
  health?: Record<string, PodHealth>;
  /** ISO time of the snapshot */
  takenAt: string;
  /** restart count every container shows */
  restarts?: number;
  /** a pod of this workload is terminating */
  terminating?: string;
}

const digest = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

/** The live state a cluster would show for these objects. */
export function snapshotOf(objects: KubeObject[], options: ModelOptions): Snapshot {
  const snapshot = emptySnapshot(options.namespace, options.takenAt);
  const restarts = options.restarts ?? 0;
  for (const object of objects) {
    const o = structuredClone(object) as any;
    switch (object.kind) {
      case 'Deployment': {
        const replicas = o.spec.replicas ?? 1;
        o.metadata.generation = 1;
        o.status = { observedGeneration: 1, replicas, updatedReplicas: replicas, readyReplicas: replicas };
        snapshot.deployments.push(o);
        const health = options.health?.[object.metadata.name] ?? 'healthy';
        for (let i = 0; i < replicas; i++) snapshot.pods.push(podOf(o, i, health, restarts, options.terminating === object.metadata.name));
        break;
      }
      case 'Service':
        snapshot.services.push(o);
        break;
      case 'ConfigMap':
        snapshot.configMaps.push(o);
        break;
      case 'Secret': {
        const keys: Record<string, string> = {};
        for (const [k, v] of Object.entries<string>(o.data ?? {})) keys[k] = digest(Buffer.from(v, 'base64'));
        for (const [k, v] of Object.entries<string>(o.stringData ?? {})) keys[k] = digest(v);
        snapshot.secrets.push({ name: object.metadata.name, type: o.type, keys });
        break;
      }
    }
  }
  for (const service of snapshot.services) {
    const selector: Record<string, string> = service.spec?.selector ?? {};
    const pods = snapshot.pods.filter((p) => Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v));
    snapshot.endpointSlices.push({
      addressType: 'IPv4',
      metadata: { name: `${service.metadata?.name}-abcde`, labels: { 'kubernetes.io/service-name': service.metadata!.name! } },
      endpoints: pods.map((p) => ({
        addresses: [p.status?.podIP ?? '10.244.0.9'],
        conditions: { ready: p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false },
        targetRef: { kind: 'Pod', name: p.metadata?.name },
      })),
    });
  }
  return snapshot;
}

function podOf(deployment: any, index: number, health: PodHealth, restarts: number, terminating: boolean): Pod {
  const name = `${deployment.metadata.name}-5f7d8c9b4-${'qwxyz'[index]}k2p${index}`;
  const spec = structuredClone(deployment.spec.template.spec);
  const healthy = health === 'healthy';
  const started = '2026-01-01T00:00:05Z';
  const crashed = {
    waiting: { reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=${spec.containers[0].name} pod=${name}_ns(uid)` },
  };
  const lastCrash = { terminated: { exitCode: 1, reason: 'Error', startedAt: started, finishedAt: '2026-01-01T00:00:06Z' } };
  const initFails = !healthy && (spec.initContainers ?? []).length > 0;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: { ...deployment.spec.template.metadata.labels, 'pod-template-hash': '5f7d8c9b4' },
      ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:30Z' } : {}),
    },
    spec,
    status: {
      phase: healthy ? 'Running' : initFails ? 'Pending' : 'Running',
      podIP: `10.244.0.${10 + index}`,
      conditions: [{ type: 'Ready', status: healthy ? 'True' : 'False' }],
      initContainerStatuses: (spec.initContainers ?? []).map((c: { name: string; image: string }) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready: healthy,
        restartCount: initFails ? restarts : 0,
        state: initFails ? crashed : { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started } },
        ...(initFails ? { lastState: lastCrash } : {}),
      })),
      containerStatuses: spec.containers.map((c: { name: string; image: string }) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready: healthy,
        restartCount: initFails ? 0 : restarts,
        started: healthy,
        state: healthy ? { running: { startedAt: started } } : initFails ? { waiting: { reason: 'PodInitializing' } } : crashed,
        ...(healthy || initFails ? {} : { lastState: lastCrash }),
      })),
    },
  } as Pod;
}
