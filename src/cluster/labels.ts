/** Label every crashlab namespace carries; the write guard requires it. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'crashlab';
/** Label naming the attempt that owns a namespace. Never the scenario. */
export const ATTEMPT_LABEL = 'crashlab.dev/attempt';

/** Selector matching every namespace crashlab created for an attempt (both labels, as the guard requires). */
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${ATTEMPT_LABEL}`;

/** The namespace an attempt lives in. */
export function namespaceForAttempt(attemptId: string): string {
  return `crashlab-${attemptId}`;
}

/** True when the labels mark a namespace as created by crashlab. */
export function isManagedLabels(labels: Record<string, string> | undefined): boolean {
  return labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
}
