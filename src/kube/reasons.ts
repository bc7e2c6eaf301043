/**
 * Reason strings as they appear in live pod state and events, in one place so
 * nothing else spells them. Each notes the component that writes it: the
 * kubelet composes pod status from what the container runtime (containerd,
 * via CRI) reports, and the runtime learns of start failures from runc.
 */

/** containerStatuses[].state|lastState.terminated.reason */
export const TERMINATED = {
  /** containerd: the cgroup OOM killer ended the process (exit 137) */
  OOMKilled: 'OOMKilled',
  /** containerd: the process exited non-zero, or was killed by a signal other than OOM */
  Error: 'Error',
  /** containerd: the process exited 0 */
  Completed: 'Completed',
  /** containerd: runc could not start the process (missing binary, not executable); exit 128 */
  StartError: 'StartError',
  /** kubelet on dockershim-era runtimes for the same start failure; kept for old captures */
  ContainerCannotRun: 'ContainerCannotRun',
} as const;

/** containerStatuses[].state.waiting.reason */
export const WAITING = {
  /** kubelet: the container failed and the next start is held back by the restart backoff */
  CrashLoopBackOff: 'CrashLoopBackOff',
  /** kubelet: a referenced Secret, ConfigMap or key is missing, so the container was never created */
  CreateContainerConfigError: 'CreateContainerConfigError',
  /** kubelet: the runtime refused to create the container */
  CreateContainerError: 'CreateContainerError',
  /** kubelet: first start, image present or being pulled */
  ContainerCreating: 'ContainerCreating',
  /** kubelet: app containers wait while init containers run */
  PodInitializing: 'PodInitializing',
  /** kubelet: image pull failed and is being retried */
  ImagePullBackOff: 'ImagePullBackOff',
  /** kubelet: the last image pull failed */
  ErrImagePull: 'ErrImagePull',
} as const;

/** events[].reason */
export const EVENT = {
  /** kubelet prober: a liveness, readiness or startup probe failed */
  Unhealthy: 'Unhealthy',
  /** kubelet: it is stopping a container (liveness failure, deletion, rollout) */
  Killing: 'Killing',
  /** kubelet: a restart is being held back ("Back-off restarting failed container") */
  BackOff: 'BackOff',
  /** kubelet: container started */
  Started: 'Started',
  /** kubelet: container could not be created or started */
  Failed: 'Failed',
  /** scheduler: no node fits */
  FailedScheduling: 'FailedScheduling',
  /** kubelet: node pressure eviction */
  Evicted: 'Evicted',
} as const;

/** Substrings of kubelet event messages worth matching. */
export const EVENT_MESSAGE = {
  livenessFailed: 'Liveness probe failed',
  readinessFailed: 'Readiness probe failed',
  startupFailed: 'Startup probe failed',
  /** Killing message after a liveness failure: "Container app failed liveness probe, will be restarted" */
  livenessRestart: 'failed liveness probe, will be restarted',
  backOffRestart: 'Back-off restarting failed container',
} as const;

/** Exit codes worth naming; 128+N is death by signal N. */
export const EXIT = {
  appError: 1,
  /** the shell could not find the command */
  notFound: 127,
  /** runc could not start the process at all (StartError) */
  startFailed: 128,
  /** SIGKILL: OOM killer, or the kubelet after the grace period */
  sigkill: 137,
  /** SIGTERM honoured */
  sigterm: 143,
} as const;
