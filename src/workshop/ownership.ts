import { ATTEMPT_LABEL } from '../cluster/labels.js';
import type { Namespace } from '../kube/wire.js';
import { PROGRESS_ANNOTATIONS } from './annotations.js';

/** Who runs `cleanup --all`: the learner name they use and the attempts this machine made. */
export interface Caller {
  learner?: string;
  attemptIds: string[];
}

/** One namespace `cleanup --all` leaves alone, and whose it is. */
export interface KeptNamespace {
  namespace: string;
  learner: string | null;
}

export interface CleanupPlan {
  /** some namespace names a learner: the cluster is shared by a workshop */
  workshop: boolean;
  remove: string[];
  keep: KeptNamespace[];
}

/** The learner a crashlab namespace belongs to, if it names one. */
export function learnerOf(ns: Namespace): string | null {
  return ns.metadata?.annotations?.[PROGRESS_ANNOTATIONS.learner] || null;
}

/**
 * What `cleanup --all` may delete. On a cluster of one person's drills,
 * every crashlab namespace. On a workshop cluster (a namespace names a
 * learner), only the caller's own: those naming the caller's learner name or
 * made by one of the caller's attempts, unless the facilitator asks for every
 * learner's with `allLearners`.
 */
export function planCleanupAll(namespaces: Namespace[], caller: Caller, allLearners: boolean): CleanupPlan {
  const workshop = namespaces.some((ns) => learnerOf(ns) !== null);
  const mine = (ns: Namespace): boolean => {
    const learner = learnerOf(ns);
    if (caller.learner !== undefined && learner === caller.learner) return true;
    const attempt = ns.metadata?.labels?.[ATTEMPT_LABEL];
    return attempt !== undefined && caller.attemptIds.includes(attempt);
  };
  const remove: string[] = [];
  const keep: KeptNamespace[] = [];
  for (const ns of namespaces) {
    const name = ns.metadata?.name;
    if (!name) continue;
    if (!workshop || allLearners || mine(ns)) remove.push(name);
    else keep.push({ namespace: name, learner: learnerOf(ns) });
  }
  return { workshop, remove: remove.sort(), keep: keep.sort((a, b) => a.namespace.localeCompare(b.namespace)) };
}
