import { ForeignNamespaceError } from '../errors.js';
import type { Cluster } from './cluster.js';
import { statusOf } from './cluster.js';
import { ATTEMPT_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, isManagedLabels } from './labels.js';

/**
 * The one gate in front of every crashlab write: the target namespace must
 * exist and carry crashlab's labels. A namespace proven once is remembered on
 * the Cluster, so the check costs one read per namespace, not per write.
 */
export async function assertWritableNamespace(cluster: Cluster, namespace: string | undefined): Promise<void> {
  if (!namespace) throw new ForeignNamespaceError('(none)', 'cluster-scoped writes are not allowed');
  if (cluster.managedNamespaces.has(namespace)) return;
  let labels: Record<string, string> | undefined;
  try {
    const ns = await cluster.call(`read namespace ${namespace}`, () => cluster.core.readNamespace({ name: namespace }));
    labels = ns.metadata?.labels;
  } catch (error) {
    if (statusOf(error) === 404) throw new ForeignNamespaceError(namespace, 'it does not exist');
    throw error;
  }
  const why = writeRefusal(labels);
  if (why) throw new ForeignNamespaceError(namespace, why);
  cluster.managedNamespaces.add(namespace);
}

/** Why a namespace with these labels may not be written to, or undefined when it may. */
export function writeRefusal(labels: Record<string, string> | undefined): string | undefined {
  if (!isManagedLabels(labels)) return `it is not labelled ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;
  if (!labels?.[ATTEMPT_LABEL]) return `it has no ${ATTEMPT_LABEL} label`;
  return undefined;
}
