import type { CauseId } from '../causes.js';

/** Where the advice points: filled into the commands so they can be pasted as they are. */
export interface Target {
  pod: string;
  namespace?: string;
  container?: string;
  node?: string;
}

export interface Advice {
  confirm: string[];
  remedy: string;
  avoid: string[];
}

/** The confirming commands, remedy and reflexes to avoid for each cause. */
export function adviceFor(cause: CauseId, target: Target): Advice {
  const pod = target.pod || '<pod>';
  const ns = target.namespace ? ` -n ${target.namespace}` : '';
  const c = target.container ? ` -c ${target.container}` : '';
  const cName = target.container ?? '<container>';
  const node = target.node ?? '<node>';
  const events = `kubectl get events${ns} --field-selector involvedObject.name=${pod} --sort-by=.lastTimestamp`;
  const lastState = `kubectl get pod ${pod}${ns} -o jsonpath='{range .status.containerStatuses[*]}{.name}{"\\t"}{.lastState.terminated.reason}{"\\t"}{.lastState.terminated.exitCode}{"\\n"}{end}'`;
  const previous = `kubectl logs ${pod}${ns}${c} --previous`;
  switch (cause) {
    case 'oom-killed':
      return {
        confirm: [lastState, `kubectl get pod ${pod}${ns} -o jsonpath='{.spec.containers[*].resources.limits.memory}'`],
        remedy: 'Raise the memory limit above the peak the app really needs, or make the app use less (heap flags, smaller caches, fix the leak).',
        avoid: ['adding replicas: each copy gets the same too-small limit', 'deleting the pod: it will be killed again at the same point', 'raising CPU: the kill is about memory'],
      };
    case 'liveness-probe':
      return {
        confirm: [events, `kubectl get pod ${pod}${ns} -o jsonpath='{.spec.containers[?(@.name=="${cName}")].livenessProbe}'`],
        remedy: 'Give the app time: add a startupProbe or raise initialDelaySeconds, timeoutSeconds and failureThreshold, and point the probe at a cheap endpoint that does not depend on other services.',
        avoid: ['raising memory or CPU limits: the app is not crashing on its own', 'reading only the current logs: they look healthy until the kill', 'removing the probe for good: it hides real hangs later'],
      };
    case 'port-mismatch':
      return {
        confirm: [`${previous} | grep -i listen`, `kubectl get pod ${pod}${ns} -o jsonpath='{.spec.containers[?(@.name=="${cName}")].ports}{"\\n"}{.spec.containers[?(@.name=="${cName}")].livenessProbe}'`],
        remedy: 'Make the probe port, containerPort and Service targetPort match the port the app actually listens on (and make it listen on 0.0.0.0, not 127.0.0.1).',
        avoid: ['loosening the probe timing: a probe on the wrong port never succeeds', 'restarting the pod', 'raising limits'],
      };
    case 'missing-config':
      return {
        confirm: [previous, `kubectl get secret,configmap${ns}`, `kubectl set env pod/${pod}${ns} --list${c}`],
        remedy: 'Provide the missing setting: add the env var, or fix the Secret/ConfigMap key it comes from, then roll the workload so it starts with the value.',
        avoid: ['restarting or deleting the pod: it starts with the same missing value', 'raising limits', 'rolling back blindly before reading which key is missing'],
      };
    case 'bad-command':
      return {
        confirm: [`kubectl get pod ${pod}${ns} -o jsonpath='{.spec.containers[?(@.name=="${cName}")].command}{" "}{.spec.containers[?(@.name=="${cName}")].args}'`, lastState, `kubectl get node ${node} -o jsonpath='{.status.nodeInfo.architecture}'`],
        remedy: 'Fix command/args (or the image ENTRYPOINT) so they name a binary that exists in the image, is executable, and is built for the node\'s CPU architecture.',
        avoid: ['raising limits or adding replicas', 'waiting for the backoff: it will fail the same way every time', 'looking for a bug in the app code: it never ran'],
      };
    case 'init-container':
      return {
        confirm: [`kubectl logs ${pod}${ns}${c} --previous`, `kubectl get pod ${pod}${ns} -o jsonpath='{range .status.initContainerStatuses[*]}{.name}{"\\t"}{.state}{"\\n"}{end}'`],
        remedy: 'Fix what the init container waits for or does (its dependency, command or config); the app containers start only after every init container exits 0.',
        avoid: ['reading the app container logs: it has not started yet', 'changing the app container', 'deleting the pod before reading the init container logs'],
      };
    case 'app-error':
      return {
        confirm: [previous, `kubectl rollout history deployment${ns} # which change brought the failure`],
        remedy: 'Read the stack trace in the previous logs and fix the code path it names, or roll back to the last good image while you fix it.',
        avoid: ['raising limits: the app fails in its own code', 'restarting the pod', 'reading only current logs instead of --previous'],
      };
    case 'dependency-unreachable':
      return {
        confirm: [previous, `kubectl get svc,endpoints${ns}`, `kubectl run netcheck${ns} -it --rm --restart=Never --image=busybox:1.36 -- nslookup <host>`],
        remedy: 'Make the dependency reachable (its Service name, port, endpoints, NetworkPolicy, DNS), and let the app retry with backoff instead of exiting on the first refusal.',
        avoid: ['raising limits', 'changing the app code before checking the Service and its endpoints', 'deleting the pod: it will fail the same way until the dependency answers'],
      };
    case 'completed-exit-0':
      return {
        confirm: [lastState, `kubectl get pod ${pod}${ns} -o jsonpath='{.spec.restartPolicy}'`],
        remedy: 'If the work is a one-off, run it as a Job (restartPolicy OnFailure/Never); if it should serve, fix the command so the long-running process stays in the foreground.',
        avoid: ['hunting for an error in the logs: there is none', 'raising limits', 'adding a liveness probe'],
      };
    case 'segfault':
      return {
        confirm: [lastState, `kubectl get node ${node} -o jsonpath='{.status.nodeInfo.architecture}'`, previous],
        remedy: 'Find the native crash: an image built for another architecture, a mismatched native library, or a bug in native code; rebuild or pin the right image.',
        avoid: ['raising memory limits: a segfault is an invalid access, not a limit', 'adding replicas', 'restarting'],
      };
    case 'sigterm-shutdown':
      return {
        confirm: [events, lastState],
        remedy: 'Handle SIGTERM: exit promptly and cleanly, use exec form for the entrypoint so the app is PID 1 (or add tini), and set terminationGracePeriodSeconds to what shutdown needs.',
        avoid: ['raising memory: exit 137 here is not OOMKilled', 'tuning probes when no probe failed', 'blaming the app code before checking what stopped it'],
      };
    case 'create-config-error':
      return {
        confirm: [events, `kubectl get secret,configmap${ns}`],
        remedy: 'Create the missing Secret or ConfigMap (or the missing key) in the pod\'s namespace, or fix the name the pod spec refers to; the kubelet retries on its own.',
        avoid: ['reading the logs: the container never started, so there are none', 'raising limits', 'deleting the pod'],
      };
    case 'image-pull':
      return {
        confirm: [events, `kubectl get pod ${pod}${ns} -o jsonpath='{.spec.containers[*].image}{"\\n"}{.spec.imagePullSecrets}'`],
        remedy: 'Fix the image reference (registry, name, tag) or the registry credentials (imagePullSecrets), then let the kubelet pull again.',
        avoid: ['reading the logs: nothing ran', 'raising limits', 'changing the app'],
      };
    case 'unschedulable':
      return {
        confirm: [events, 'kubectl describe nodes | grep -A 8 "Allocated resources"'],
        remedy: 'Make the pod fit: lower its requests, add capacity, or fix the nodeSelector, affinity, tolerations or PersistentVolumeClaim it waits for.',
        avoid: ['reading logs: no container has run', 'restarting the pod: the scheduler already retries', 'raising limits'],
      };
    case 'evicted':
      return {
        confirm: [`kubectl get pod ${pod}${ns} -o jsonpath='{.status.reason}{": "}{.status.message}'`, `kubectl describe node ${node} | grep -i -A 6 conditions`],
        remedy: 'Relieve the node pressure it names (memory, disk, ephemeral storage): set requests close to real use, cap log and emptyDir growth, add capacity; then delete the Evicted pod objects.',
        avoid: ['treating it as OOMKilled and raising the limit alone: the node, not the container limit, ran short', 'scaling up on the same full nodes'],
      };
  }
}

/** What to collect next when the evidence is too thin to name a cause. */
export function collectNext(target: Target, missing: { status: boolean; logs: boolean; events: boolean }): string[] {
  const pod = target.pod || '<pod>';
  const ns = target.namespace ? ` -n ${target.namespace}` : '';
  const c = target.container ? ` -c ${target.container}` : '';
  const steps: string[] = [];
  if (missing.status) steps.push(`kubectl describe pod ${pod}${ns}  (Last State reason and exit code)`);
  if (missing.logs) steps.push(`kubectl logs ${pod}${ns}${c} --previous  (what the crashed instance printed)`);
  if (missing.events) steps.push(`kubectl get events${ns} --field-selector involvedObject.name=${pod} --sort-by=.lastTimestamp  (probe failures, kills, scheduling)`);
  if (steps.length === 0) steps.push(`kubectl get pod ${pod}${ns} -o yaml  (the full status)`);
  return steps;
}
