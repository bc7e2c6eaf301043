import { createHash } from 'node:crypto';
import type { V1Secret } from '@kubernetes/client-node';
import { toWire, type ContainerStatus, type Pod } from '../kube/wire.js';
import { emptySnapshot, type SecretSummary, type Snapshot } from '../snapshot.js';
import type { Cluster } from './cluster.js';
import { readContainerLog } from './logs.js';

/** The object lists a snapshot can hold. */
export type SnapshotKind =
  | 'pods'
  | 'deployments'
  | 'jobs'
  | 'services'
  | 'endpointSlices'
  | 'secrets'
  | 'configMaps'
  | 'events';

export const ALL_SNAPSHOT_KINDS: readonly SnapshotKind[] = [
  'pods',
  'deployments',
  'jobs',
  'services',
  'endpointSlices',
  'secrets',
  'configMaps',
  'events',
];

export interface CollectOptions {
  /** which logs to read: none, previous (crashed) instances only, or previous and current. Default both. */
  logs?: 'none' | 'previous' | 'both';
  /** lines of each log to keep. Default 50. */
  tailLines?: number;
  /** which lists to read. Default all; a poll loop may want only pods and events. */
  kinds?: readonly SnapshotKind[];
  /** only pods matching this label selector (other kinds are read whole) */
  labelSelector?: string;
}

/**
 * Reads one namespace into a wire-form Snapshot: one list request per kind,
 * plus one log request per container instance that has something to say.
 * Secret values never leave this function; only a sha256 per key does.
 */
export async function collectSnapshot(cluster: Cluster, namespace: string, options: CollectOptions = {}): Promise<Snapshot> {
  const kinds = new Set(options.kinds ?? ALL_SNAPSHOT_KINDS);
  const tailLines = options.tailLines ?? 50;
  const logs = options.logs ?? 'both';
  const snapshot = emptySnapshot(namespace);
  const read = <T>(what: string, fn: () => Promise<T>) => cluster.call(`list ${what} in ${namespace}`, fn);

  await Promise.all([
    kinds.has('pods') &&
      read('pods', () => cluster.core.listNamespacedPod({ namespace, labelSelector: options.labelSelector })).then((l) => {
        snapshot.pods = l.items.map((o) => toWire(o));
      }),
    kinds.has('deployments') &&
      read('deployments', () => cluster.apps.listNamespacedDeployment({ namespace })).then((l) => {
        snapshot.deployments = l.items.map((o) => toWire(o));
      }),
    kinds.has('jobs') &&
      read('jobs', () => cluster.batch.listNamespacedJob({ namespace })).then((l) => {
        snapshot.jobs = l.items.map((o) => toWire(o));
      }),
    kinds.has('services') &&
      read('services', () => cluster.core.listNamespacedService({ namespace })).then((l) => {
        snapshot.services = l.items.map((o) => toWire(o));
      }),
    kinds.has('endpointSlices') &&
      read('endpoint slices', () => cluster.discovery.listNamespacedEndpointSlice({ namespace })).then((l) => {
        snapshot.endpointSlices = l.items.map((o) => toWire(o));
      }),
    kinds.has('secrets') &&
      read('secrets', () => cluster.core.listNamespacedSecret({ namespace })).then((l) => {
        snapshot.secrets = l.items.map(summariseSecret);
      }),
    kinds.has('configMaps') &&
      read('config maps', () => cluster.core.listNamespacedConfigMap({ namespace })).then((l) => {
        snapshot.configMaps = l.items.map((o) => toWire(o));
      }),
    kinds.has('events') &&
      read('events', () => cluster.core.listNamespacedEvent({ namespace })).then((l) => {
        snapshot.events = l.items.map((o) => toWire(o));
      }),
  ]);

  if (logs !== 'none') {
    const requests = logRequests(snapshot.pods, logs === 'both');
    const texts = await Promise.all(
      requests.map((r) => readContainerLog(cluster, namespace, { ...r, tailLines })),
    );
    requests.forEach((r, i) => {
      const text = texts[i];
      if (text === undefined) return;
      const key = `${r.pod}/${r.container}`;
      if (r.previous) snapshot.previousLogs[key] = text;
      else snapshot.currentLogs[key] = text;
    });
  }
  snapshot.takenAt = new Date().toISOString();
  return snapshot;
}

/** Digests each key of a Secret; the values themselves are dropped here. */
export function summariseSecret(secret: V1Secret): SecretSummary {
  const keys: Record<string, string> = {};
  for (const [key, base64] of Object.entries(secret.data ?? {})) {
    keys[key] = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
  }
  return { name: secret.metadata?.name ?? '', type: secret.type, keys };
}

/**
 * The log reads worth making for these pods: a previous log only where a
 * container has already terminated once, a current log only where an
 * instance is running or has just ended.
 */
export function logRequests(pods: Pod[], includeCurrent: boolean): { pod: string; container: string; previous: boolean }[] {
  const out: { pod: string; container: string; previous: boolean }[] = [];
  for (const pod of pods) {
    const name = pod.metadata?.name;
    if (!name) continue;
    const statuses: ContainerStatus[] = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    for (const status of statuses) {
      if (status.lastState?.terminated) out.push({ pod: name, container: status.name, previous: true });
      if (includeCurrent && (status.state?.running || status.state?.terminated)) {
        out.push({ pod: name, container: status.name, previous: false });
      }
    }
  }
  return out;
}
