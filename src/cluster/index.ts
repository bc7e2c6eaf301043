export { Cluster, connect, statusOf } from './cluster.js';
export { loadKubeConfig, isLocalContext, kubeconfigPaths, type KubeconfigOptions } from './kubeconfig.js';
export { assertWritableNamespace, writeRefusal } from './guard.js';
export {
  ATTEMPT_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  MANAGED_SELECTOR,
  isManagedLabels,
  namespaceForAttempt,
} from './labels.js';
export { annotateAttemptNamespace, createAttemptNamespace, deleteAttemptNamespace, listCrashlabNamespaces, readNamespace } from './namespaces.js';
export { applyObjects, deleteObjects, placeInNamespace, FIELD_MANAGER } from './apply.js';
export { readContainerLog, type LogRequest } from './logs.js';
export { collectSnapshot, summariseSecret, logRequests, ALL_SNAPSHOT_KINDS, type CollectOptions, type SnapshotKind } from './snapshot.js';
export { preflight, serverVersion, canI, summariseNodes, metricsApiAvailable, type PreflightResult, type NodeSummary } from './preflight.js';
export { collectLive, contextNamespace, type LiveTarget } from './live.js';
