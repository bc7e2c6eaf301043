import type { EventEvidence, Quote } from '../evidence.js';
import { BAD_COMMAND, matchesAny } from '../signals.js';
import { candidate, type Candidate, type RuleContext } from './context.js';

const IMAGE_REASONS = /^(ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull|RegistryUnavailable|ImageInspectError)$/;
const IMAGE_EVENT = /Failed to pull image|image pull failed for|trying and failing to pull image|\bTag \S+ not found\b|Back-?off pulling image|ErrImagePull|ImagePullBackOff|pull access denied|manifest unknown|repository does not exist|not found: manifest|failed to resolve reference|InvalidImageName|couldn't parse image reference|ErrImageNeverPull|toomanyrequests/i;
const CONFIG_EVENT = /(?:secret|configmap|config map) "[^"]+" not found|couldn't find key \S+ in (?:Secret|ConfigMap)|(?:secrets|configmaps) "[^"]+" not found/i;
const NON_ROOT = /runAsNonRoot and image (?:will run as root|has non-numeric user)/i;

/** The image cannot be fetched, so the container was never created. */
export function imagePullRule(ctx: RuleContext): Candidate[] {
  const { container } = ctx;
  const waiting = container?.state?.value.kind === 'waiting' ? container.state : undefined;
  const reason = waiting?.value.kind === 'waiting' ? waiting.value.reason : undefined;
  if (waiting && reason && IMAGE_REASONS.test(reason)) {
    const events = ctx.events.filter((e) => IMAGE_EVENT.test(e.message)).slice(-2).map((e) => e.quote);
    return [candidate('image-pull', 0.97, `the container is waiting with ${reason}`, [...waiting.quotes, ...events], container?.name)];
  }
  if (running(ctx)) return [];
  // the kubelet files its pull back-off as a Normal event; it is still a failed pull
  const events = ctx.events.filter((e) => (e.type !== 'Normal' || /Back-?off pulling image/i.test(e.message)) && IMAGE_EVENT.test(e.message));
  if (events.length > 0) return [candidate('image-pull', 0.9, 'the kubelet reports it cannot pull the image', quotes(events), events[0]!.container ?? container?.name)];
  const status = ctx.pod.statusColumn.at(-1);
  if (status && /ImagePull|ErrImage|InvalidImageName/.test(status.value)) {
    return [candidate('image-pull', 0.85, `kubectl get pods shows ${status.value}`, status.quotes)];
  }
  return [];
}

/** A referenced Secret, ConfigMap or key is missing, so the kubelet cannot even create the container. */
export function createConfigRule(ctx: RuleContext): Candidate[] {
  const { container } = ctx;
  const state = container?.state;
  const events = ctx.events.filter((e) => CONFIG_EVENT.test(e.message) || NON_ROOT.test(e.message));
  const mounts = ctx.events.filter((e) => e.reason === 'FailedMount' && CONFIG_EVENT.test(e.message));
  if (state?.value.kind === 'waiting' && state.value.reason === 'CreateContainerConfigError') {
    const nonRoot = NON_ROOT.test(state.value.message ?? '') || events.some((e) => NON_ROOT.test(e.message));
    return [
      candidate(
        'create-config-error',
        nonRoot ? 0.6 : 0.97,
        nonRoot ? 'the kubelet refuses to create the container (runAsNonRoot against a root image)' : 'the kubelet cannot build the container from its spec: a referenced Secret, ConfigMap or key is missing',
        [...state.quotes, ...quotes(events)],
        container?.name,
      ),
    ];
  }
  if (running(ctx)) return [];
  const configEvents = events.filter((e) => CONFIG_EVENT.test(e.message));
  if (configEvents.length > 0) {
    return [candidate('create-config-error', 0.9, 'the kubelet reports a missing Secret, ConfigMap or key', quotes(configEvents), configEvents[0]!.container ?? container?.name)];
  }
  if (mounts.length > 0) {
    return [candidate('create-config-error', 0.85, 'a Secret or ConfigMap volume cannot be mounted because it does not exist', quotes(mounts), container?.name)];
  }
  const status = ctx.pod.statusColumn.at(-1);
  if (status && /CreateContainerConfigError/.test(status.value)) {
    return [candidate('create-config-error', 0.85, 'kubectl get pods shows CreateContainerConfigError', status.quotes)];
  }
  return [];
}

/** The runtime could not start the process: wrong command, missing binary, wrong architecture. */
export function startFailureRule(ctx: RuleContext): Candidate[] {
  const { container } = ctx;
  const state = container?.state;
  if (state?.value.kind === 'waiting' && /^(RunContainerError|CreateContainerError|StartError|ContainerCannotRun)$/.test(state.value.reason ?? '')) {
    if (matchesAny(state.value.message ?? '', BAD_COMMAND)) {
      return [candidate('bad-command', 0.95, 'the runtime could not start the container process', state.quotes, container?.name)];
    }
  }
  // A probe command that cannot run is the probe's problem, not the container's.
  const events = ctx.events.filter((e) => e.type !== 'Normal' && e.reason !== 'Unhealthy' && !/probe (?:failed|errored)/i.test(e.message) && matchesAny(e.message, BAD_COMMAND));
  if (events.length > 0) {
    return [candidate('bad-command', 0.9, 'the runtime reports that the command cannot be run', quotes(events), events[0]!.container ?? container?.name)];
  }
  return [];
}

function running(ctx: RuleContext): boolean {
  const kind = ctx.container?.state?.value.kind;
  return kind === 'running' || kind === 'terminated' || ctx.container?.lastState !== undefined;
}

function quotes(events: EventEvidence[]): Quote[] {
  return events.slice(-2).map((e) => e.quote);
}
