import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { parseQuantity } from '../kube/quantity.js';
import type { Container, Deployment, Job, Service } from '../kube/wire.js';
import type { KubeObject } from '../scenario/types.js';
import type { Snapshot } from '../snapshot.js';
import type { PodSpec, Probe } from './workload.js';

/*
 * The API server fills in defaults the manifests leave out (probe timings,
 * port protocols, volume modes, restart policy...). These projections keep
 * only what a learner could have changed, with defaults applied on both
 * sides, so "unchanged" means unchanged and not "spelled the same".
 */

export function normalizeProbe(probe: Probe | undefined): unknown {
  if (!probe) return undefined;
  return {
    exec: probe.exec?.command,
    httpGet: probe.httpGet && { path: probe.httpGet.path ?? '/', port: String(probe.httpGet.port), host: probe.httpGet.host, scheme: probe.httpGet.scheme ?? 'HTTP' },
    tcpSocket: probe.tcpSocket && { port: String(probe.tcpSocket.port), host: probe.tcpSocket.host },
    grpc: probe.grpc && { port: probe.grpc.port, service: probe.grpc.service ?? '' },
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    successThreshold: probe.successThreshold ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

function normalizeResources(resources: Container['resources']): unknown {
  const amounts = (m: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, parseQuantity(v)]));
  return { limits: amounts(resources?.limits), requests: amounts(resources?.requests) };
}

export function normalizeContainer(c: Container): unknown {
  return {
    name: c.name,
    image: c.image,
    command: c.command ?? [],
    args: c.args ?? [],
    workingDir: c.workingDir ?? '',
    env: (c.env ?? []).map((e) => ({
      name: e.name,
      value: e.value ?? (e.valueFrom ? undefined : ''),
      secretKeyRef: e.valueFrom?.secretKeyRef && { ...e.valueFrom.secretKeyRef, optional: e.valueFrom.secretKeyRef.optional ?? false },
      configMapKeyRef: e.valueFrom?.configMapKeyRef && { ...e.valueFrom.configMapKeyRef, optional: e.valueFrom.configMapKeyRef.optional ?? false },
      fieldRef: e.valueFrom?.fieldRef?.fieldPath,
    })),
    envFrom: c.envFrom ?? [],
    ports: (c.ports ?? []).map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })),
    resources: normalizeResources(c.resources),
    livenessProbe: normalizeProbe(c.livenessProbe),
    readinessProbe: normalizeProbe(c.readinessProbe),
    startupProbe: normalizeProbe(c.startupProbe),
    volumeMounts: (c.volumeMounts ?? []).map((m) => ({ name: m.name, mountPath: m.mountPath, readOnly: m.readOnly ?? false, subPath: m.subPath ?? '' })),
  };
}

export function normalizePodSpec(spec: PodSpec | undefined): unknown {
  return {
    containers: (spec?.containers ?? []).map(normalizeContainer),
    initContainers: (spec?.initContainers ?? []).map(normalizeContainer),
    restartPolicy: spec?.restartPolicy ?? 'Always',
    volumes: (spec?.volumes ?? []).map((v) => ({
      name: v.name,
      configMap: v.configMap && { name: v.configMap.name, items: v.configMap.items },
      secret: v.secret && { secretName: v.secret.secretName, items: v.secret.items },
      emptyDir: v.emptyDir ? {} : undefined,
    })),
  };
}

export function sameWorkloadSpec(baseline: Deployment | Job, live: Deployment | Job): boolean {
  const replicas = (o: Deployment | Job) => (o.kind === 'Deployment' ? ((o as Deployment).spec?.replicas ?? 1) : undefined);
  return (
    replicas(baseline) === replicas(live) &&
    isDeepStrictEqual(normalizePodSpec(baseline.spec?.template?.spec), normalizePodSpec(live.spec?.template?.spec)) &&
    isDeepStrictEqual(baseline.spec?.template?.metadata?.labels ?? {}, live.spec?.template?.metadata?.labels ?? {})
  );
}

export function sameService(baseline: Service, live: Service): boolean {
  const ports = (s: Service) =>
    (s.spec?.ports ?? []).map((p) => ({ port: p.port, targetPort: String(p.targetPort ?? p.port), protocol: p.protocol ?? 'TCP' }));
  return isDeepStrictEqual(baseline.spec?.selector ?? {}, live.spec?.selector ?? {}) && isDeepStrictEqual(ports(baseline), ports(live));
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** key -> sha256 of the value, for a Secret as written in a manifest. */
export function manifestSecretDigests(secret: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((secret.data as Record<string, string> | undefined) ?? {})) out[k] = sha256(Buffer.from(v, 'base64'));
  for (const [k, v] of Object.entries((secret.stringData as Record<string, string> | undefined) ?? {})) out[k] = sha256(v);
  return out;
}

/** Whether every baseline object still exists, unchanged in every way a learner could have changed it. */
export function nothingChanged(baseline: KubeObject[], live: Snapshot): boolean {
  return baseline.every((object) => {
    const name = object.metadata.name;
    const byName = <T extends { metadata?: { name?: string } }>(list: T[]) => list.find((o) => o.metadata?.name === name);
    switch (object.kind) {
      case 'Deployment': {
        const found = byName(live.deployments);
        return found !== undefined && sameWorkloadSpec(object as Deployment, { ...found, kind: 'Deployment' });
      }
      case 'Job': {
        const found = byName(live.jobs);
        return found !== undefined && sameWorkloadSpec(object as Job, { ...found, kind: 'Job' });
      }
      case 'Service': {
        const found = byName(live.services);
        return found !== undefined && sameService(object as Service, found);
      }
      case 'Secret': {
        const found = live.secrets.find((s) => s.name === name);
        return found !== undefined && isDeepStrictEqual(manifestSecretDigests(object), found.keys);
      }
      case 'ConfigMap': {
        const found = byName(live.configMaps);
        return found !== undefined && isDeepStrictEqual(object.data ?? {}, found.data ?? {});
      }
      default:
        return true;
    }
  });
}
