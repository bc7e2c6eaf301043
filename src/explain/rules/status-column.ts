import { candidate, type Candidate, type RuleContext } from './context.js';

/**
 * The STATUS column of `kubectl get pods` is a printed summary, so it only
 * speaks when nothing structured does. Watch lines keep earlier statuses,
 * which is how a fleeting OOMKilled or Completed is still seen.
 */
export function statusColumnRule(ctx: RuleContext): Candidate[] {
  const statuses = ctx.pod.statusColumn;
  if (statuses.length === 0) return [];
  const restarts = ctx.pod.restartsColumn ?? 0;
  const seen = (pattern: RegExp) => statuses.filter((s) => pattern.test(s.value));
  const quotes = (pattern: RegExp) => seen(pattern).slice(-2).flatMap((s) => s.quotes);
  const found: Candidate[] = [];
  // a watch that moved on from Init:x/y to PodInitializing or an app status saw the init phase finish
  const lastInit = statuses.map((s) => s.value).reduce((last, value, i) => (/^Init:/.test(value) ? i : last), -1);
  const initDone = lastInit >= 0 && lastInit < statuses.length - 1;
  if (!initDone && seen(/^Init:(CrashLoopBackOff|Error|OOMKilled|\d+\/\d+)$/).length > 0 && !seen(/^Init:(ImagePull|ErrImage|CreateContainerConfigError)/).length) {
    const looping = seen(/^Init:(CrashLoopBackOff|Error|OOMKilled)$/).length > 0 || restarts > 0;
    if (looping) found.push(candidate('init-container', 0.8, 'kubectl get pods shows the pod stuck in its init phase', quotes(/^Init:/)));
  }
  if (seen(/^OOMKilled$/).length > 0) found.push(candidate('oom-killed', 0.75, 'kubectl get pods showed OOMKilled', quotes(/^OOMKilled$/)));
  if (seen(/^Completed$/).length > 0 && (restarts > 0 || seen(/CrashLoopBackOff/).length > 0)) {
    found.push(candidate('completed-exit-0', 0.7, 'kubectl get pods shows Completed between restarts', quotes(/^(Completed|CrashLoopBackOff)$/)));
  }
  if (seen(/^(StartError|ContainerCannotRun|RunContainerError)$/).length > 0) {
    found.push(candidate('bad-command', 0.6, 'kubectl get pods shows the container could not be started', quotes(/^(StartError|ContainerCannotRun|RunContainerError)$/)));
  }
  return found;
}
