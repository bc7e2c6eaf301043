import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { ForeignNamespaceError } from '../errors.js';
import type { KubeObject } from '../scenario/types.js';
import { statusOf, type Cluster } from './cluster.js';
import { assertWritableNamespace } from './guard.js';

/** The field manager crashlab's server-side applies are recorded under. */
export const FIELD_MANAGER = 'crashlab';

/**
 * Kinds a scenario may deploy. All are namespaced, so nothing crashlab
 * applies can reach outside the attempt's namespace.
 */
const NAMESPACED_KINDS = new Set([
  'ConfigMap',
  'CronJob',
  'DaemonSet',
  'Deployment',
  'Job',
  'LimitRange',
  'NetworkPolicy',
  'PersistentVolumeClaim',
  'Pod',
  'PodDisruptionBudget',
  'ReplicaSet',
  'ResourceQuota',
  'Role',
  'RoleBinding',
  'Secret',
  'Service',
  'ServiceAccount',
  'StatefulSet',
]);

/**
 * Places objects into the namespace, refusing cluster-scoped kinds and
 * objects that already name a different namespace. Returns copies.
 */
export function placeInNamespace(objects: KubeObject[], namespace: string): KubeObject[] {
  return objects.map((object) => {
    if (!NAMESPACED_KINDS.has(object.kind)) {
      throw new ForeignNamespaceError(namespace, `kind ${object.kind} (${object.metadata?.name}) is not one crashlab deploys`);
    }
    const own = object.metadata.namespace;
    if (own !== undefined && own !== namespace) {
      throw new ForeignNamespaceError(own, `${object.kind}/${object.metadata.name} targets it, not ${namespace}`);
    }
    const copy = structuredClone(object);
    copy.metadata.namespace = namespace;
    return copy;
  });
}

/**
 * Server-side applies the objects into a crashlab namespace, in order, so
 * applying the same objects again (reset) restores them. One request each.
 */
export async function applyObjects(cluster: Cluster, namespace: string, objects: KubeObject[]): Promise<void> {
  const placed = placeInNamespace(objects, namespace);
  await assertWritableNamespace(cluster, namespace);
  for (const object of placed) {
    await cluster.call(`apply ${object.kind}/${object.metadata.name}`, () =>
      cluster.objects.patch(
        object as KubernetesObject,
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      ),
    );
  }
}

/**
 * Deletes the objects from a crashlab namespace; objects already gone are
 * skipped. Dependents (ReplicaSets, Pods) go in the foreground so a following
 * apply starts from nothing.
 */
export async function deleteObjects(cluster: Cluster, namespace: string, objects: KubeObject[]): Promise<void> {
  const placed = placeInNamespace(objects, namespace);
  await assertWritableNamespace(cluster, namespace);
  for (const object of placed) {
    try {
      await cluster.call(`delete ${object.kind}/${object.metadata.name}`, () =>
        cluster.objects.delete(object as KubernetesObject, undefined, undefined, 0, undefined, 'Foreground'),
      );
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}
