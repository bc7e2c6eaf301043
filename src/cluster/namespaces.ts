import { PatchStrategy, setHeaderOptions, type V1Namespace } from '@kubernetes/client-node';
import { CrashlabError } from '../errors.js';
import { toWire, type Namespace } from '../kube/wire.js';
import { statusOf, type Cluster } from './cluster.js';
import { assertWritableNamespace } from './guard.js';
import { ATTEMPT_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, MANAGED_SELECTOR, namespaceForAttempt } from './labels.js';

/**
 * Creates the attempt's namespace, labelled as crashlab's. The name and labels
 * carry the attempt id only, never the scenario. `annotations` (a workshop
 * learner's name) are set from the start, so the namespace has an owner
 * before any progress is published.
 */
export async function createAttemptNamespace(cluster: Cluster, attemptId: string, annotations?: Record<string, string>): Promise<string> {
  const name = namespaceForAttempt(attemptId);
  const body: V1Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [ATTEMPT_LABEL]: attemptId }, ...(annotations && { annotations }) },
  };
  try {
    await cluster.call(`create namespace ${name}`, () => cluster.core.createNamespace({ body }));
  } catch (error) {
    if (statusOf(error) === 409) throw new CrashlabError(`namespace ${name} already exists; run 'crashlab cleanup --all' and start again`);
    throw error;
  }
  cluster.managedNamespaces.add(name);
  return name;
}

/** Reads a namespace, or undefined when it does not exist. */
export async function readNamespace(cluster: Cluster, name: string): Promise<Namespace | undefined> {
  try {
    return toWire(await cluster.call(`read namespace ${name}`, () => cluster.core.readNamespace({ name })));
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Every namespace crashlab created on this cluster, whatever attempt made it. */
export async function listCrashlabNamespaces(cluster: Cluster): Promise<Namespace[]> {
  const list = await cluster.call('list namespaces', () => cluster.core.listNamespace({ labelSelector: MANAGED_SELECTOR }));
  return list.items.map((ns) => toWire(ns));
}

/**
 * Deletes a crashlab namespace (and so everything in it). Refused for any
 * namespace without crashlab's labels. A namespace already gone is not an error.
 * Returns true when a deletion was requested.
 */
export async function deleteAttemptNamespace(cluster: Cluster, name: string): Promise<boolean> {
  try {
    await assertWritableNamespace(cluster, name);
  } catch (error) {
    if ((await readNamespace(cluster, name)) === undefined) return false;
    throw error;
  }
  try {
    await cluster.call(`delete namespace ${name}`, () => cluster.core.deleteNamespace({ name, propagationPolicy: 'Background' }));
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
  cluster.managedNamespaces.delete(name);
  return true;
}

/**
 * Sets annotations on a crashlab namespace (a merge patch: other annotations
 * stay). Goes through the write guard like every other write.
 */
export async function annotateAttemptNamespace(cluster: Cluster, name: string, annotations: Record<string, string>): Promise<void> {
  await assertWritableNamespace(cluster, name);
  await cluster.call(`annotate namespace ${name}`, () =>
    cluster.core.patchNamespace({ name, body: { metadata: { annotations } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)),
  );
}
