/**
 * The fixed cause vocabulary. Prompts, graders, hints and `crashlab explain`
 * all speak in these ids; the plain words are what a learner is shown.
 */
export const CAUSES = {
  'oom-killed': 'The container used more memory than its limit and the kernel killed it (OOMKilled, exit 137)',
  'liveness-probe': 'A liveness probe kills an app that is healthy but slow or busy (probe failures come before each kill)',
  'port-mismatch': 'A probe, containerPort or Service targetPort points at a port the app does not listen on',
  'missing-config': 'A required environment variable, Secret or ConfigMap key is missing or empty when the app starts',
  'bad-command': 'The command or entrypoint cannot run (not found, not executable, wrong format)',
  'init-container': 'An init container keeps failing, so the app container never starts',
  'app-error': "The app's own code fails at startup (an unhandled error, not config or a dependency)",
  'dependency-unreachable': 'The app cannot reach something it needs at startup (refused, DNS failure, timeout)',
  'completed-exit-0': 'The process finishes successfully and exits 0, but the pod restarts it forever (restartPolicy Always)',
  segfault: 'The process crashes with a segmentation fault (exit 139), native code or wrong architecture',
  'sigterm-shutdown': 'The process was asked to stop (drain, rollout) and exited badly, with no probe failure behind it',
  'create-config-error': 'The container never started: a referenced Secret, ConfigMap or key does not exist (CreateContainerConfigError)',
  'image-pull': 'The image cannot be pulled (ErrImagePull, ImagePullBackOff)',
  unschedulable: 'The pod is Pending because no node can take it (FailedScheduling)',
  evicted: 'The node evicted the pod under resource pressure (reason Evicted), which is not an OOM kill',
} as const satisfies Record<string, string>;

export type CauseId = keyof typeof CAUSES;

export const CAUSE_IDS = Object.keys(CAUSES) as CauseId[];

export function isCauseId(value: string): value is CauseId {
  return Object.hasOwn(CAUSES, value);
}
