import { isDeepStrictEqual } from 'node:util';
import { formatMi, parseQuantity } from '../kube/quantity.js';
import type { Container, Deployment, Job } from '../kube/wire.js';
import { simpleCommands } from '../scenario/busybox-compat.js';
import type { GradeInput } from '../scenario/types.js';
import { manifestSecretDigests, normalizeProbe, nothingChanged, sha256 } from './spec-compare.js';
import type { RefusedFix } from './verdict.js';
import {
  baselineWorkload,
  baselineWorkloads,
  commandLine,
  containersOf,
  liveWorkload,
  probePort,
  templateOf,
  type Probe,
  type WorkloadRef,
} from './workload.js';

/** One container as first applied and as it is live now. */
export interface ContainerPair {
  workload: WorkloadRef;
  /** container name, 'init:<name>' for init containers */
  key: string;
  init: boolean;
  baseline: Container;
  live: Container | undefined;
}

export interface RefusedFixContext {
  input: GradeInput;
  workloads: { ref: WorkloadRef; baseline: Deployment | Job; live: Deployment | Job | undefined }[];
  containers: ContainerPair[];
}

export interface RefusedFixDetector {
  id: string;
  /** why this silences the alarm instead of curing the cause */
  reason: string;
  /** what was found, one line per finding; empty when the fix was not attempted */
  detect(context: RefusedFixContext): string[];
}

/** Memory that no container in a training namespace needs: a limit this high is no limit. */
const ABSURD_MEMORY_BYTES = 8 * 2 ** 30;
const ABSURD_MEMORY_FACTOR = 16;
/** A liveness probe that tolerates this long a silence no longer detects a hung app. */
const TOOTHLESS_LIVENESS_SECONDS = 300;
const TOOTHLESS_INITIAL_DELAY_SECONDS = 600;
const TOOTHLESS_STARTUP_SECONDS = 1800;

const KEEP_ALIVE = [/sleep\s+(infinity|inf)\b/g, /sleep\s+\d{4,}/g, /sleep\s+\d+d\b/g, /tail\s+-f\s+\/dev\/null/g, /while\s+(true|:)\s*;?\s*do/g];
const FAILURE_EXIT = /exit\s+[1-9]\d*/g;
const NO_OP_SCRIPTS = new Set(['true', ':', 'exit 0', '/bin/true']);
/** Programs that only talk: losing one of them is not losing work. */
const NON_WORK = new Set(['echo', 'printf', 'exit', 'test', '[', 'true', 'false', 'mkdir']);
const NETWORK_PROGRAMS = new Set(['nc', 'wget']);

const count = (text: string, patterns: RegExp[]): number =>
  patterns.reduce((n, p) => n + (text.match(new RegExp(p.source, 'g'))?.length ?? 0), 0);
const argv = (c: Container | undefined): string[] => [...(c?.command ?? []), ...(c?.args ?? [])];
const commandChanged = (pair: ContainerPair): boolean =>
  pair.live !== undefined && !isDeepStrictEqual(argv(pair.baseline), argv(pair.live));
const memory = (c: Container | undefined, kind: 'limits' | 'requests'): number | undefined =>
  parseQuantity(c?.resources?.[kind]?.memory);
const where = (pair: ContainerPair): string => `${pair.workload.kind.toLowerCase()}/${pair.workload.name} container ${pair.key}`;

function isNoOp(c: Container): boolean {
  const words = argv(c);
  if (words.length === 0) return false;
  const script = (words[0] === 'sh' || words[0] === '/bin/sh') && words[1] === '-c' ? (words[2] ?? '') : words.join(' ');
  return script
    .split(/;|\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .every((step) => NO_OP_SCRIPTS.has(step) || /^(echo|printf)\b/.test(step) || /^sleep\s+\d+$/.test(step));
}

/** The simple commands a container runs, each as one normalised string. */
function steps(c: Container | undefined): string[] {
  const words = argv(c);
  if ((words[0] === 'sh' || words[0] === '/bin/sh') && words[1] === '-c') return simpleCommands(words[2] ?? '').map((w) => w.join(' '));
  return words.length > 0 ? [words.join(' ')] : [];
}

function probesOf(c: Container | undefined): [string, Probe | undefined][] {
  return [
    ['livenessProbe', c?.livenessProbe],
    ['readinessProbe', c?.readinessProbe],
    ['startupProbe', c?.startupProbe],
  ];
}

/** Probes the learner added or changed: the baseline's own probes are the scenario's, not a fix. */
function changedProbes(pair: ContainerPair): [string, Probe][] {
  const before = new Map(probesOf(pair.baseline));
  return probesOf(pair.live).filter(
    (entry): entry is [string, Probe] => entry[1] !== undefined && !isDeepStrictEqual(normalizeProbe(entry[1]), normalizeProbe(before.get(entry[0]))),
  );
}

function probeDeleted(kind: 'livenessProbe' | 'readinessProbe'): (ctx: RefusedFixContext) => string[] {
  return (ctx) =>
    ctx.containers.filter((p) => p.live && p.baseline[kind] && !p.live[kind]).map((p) => `${where(p)} has no ${kind} any more`);
}

/** Every refused "fix", applied by every grader. */
export const REFUSED_FIXES: RefusedFixDetector[] = [
  {
    id: 'memory-limit-removed',
    reason: 'without a memory limit the container can take memory from everything else on the node; the footprint still needs a limit that covers it',
    detect: (ctx) =>
      ctx.containers.filter((p) => p.live && memory(p.baseline, 'limits') !== undefined && memory(p.live, 'limits') === undefined).map((p) => `${where(p)} has no memory limit`),
  },
  {
    id: 'memory-limit-absurd',
    reason: 'a limit far beyond the real footprint is no limit at all; size it to the measured peak plus headroom',
    detect: (ctx) =>
      ctx.containers.flatMap((p) => {
        const before = memory(p.baseline, 'limits');
        const after = memory(p.live, 'limits');
        if (before === undefined || after === undefined || after <= before) return [];
        const absurd = after >= ABSURD_MEMORY_BYTES || (after > before * ABSURD_MEMORY_FACTOR && after > 2 ** 30);
        return absurd ? [`${where(p)} memory limit ${formatMi(before)} -> ${formatMi(after)}`] : [];
      }),
  },
  {
    id: 'memory-request-missing',
    reason: 'a raised limit with no memory request lets the scheduler place the pod where that memory is not there',
    detect: (ctx) =>
      ctx.containers.flatMap((p) => {
        const before = memory(p.baseline, 'limits');
        const after = memory(p.live, 'limits');
        const raised = after !== undefined && (before === undefined || after > before);
        return raised && memory(p.live, 'requests') === undefined ? [`${where(p)} limit ${formatMi(after)} with no memory request`] : [];
      }),
  },
  {
    id: 'liveness-probe-deleted',
    reason: 'deleting the liveness probe stops the kills but also stops Kubernetes noticing a hung app; fix the timing or the target instead',
    detect: probeDeleted('livenessProbe'),
  },
  {
    id: 'readiness-probe-deleted',
    reason: 'without a readiness probe traffic goes to pods whether or not they serve; make the probe and the app agree instead',
    detect: probeDeleted('readinessProbe'),
  },
  {
    id: 'probe-toothless',
    reason: 'a probe that always passes or waits many minutes before judging is a deleted probe in disguise',
    detect: (ctx) =>
      ctx.containers.flatMap((pair) =>
        changedProbes(pair).flatMap(([kind, probe]) => {
          const command = probe.exec?.command ?? [];
          const script = command[0] === 'sh' || command[0] === '/bin/sh' ? (command[2] ?? '') : command.join(' ');
          if (probe.exec && NO_OP_SCRIPTS.has(script.trim())) return [`${where(pair)} ${kind} runs '${command.join(' ')}', which always passes`];
          const period = probe.periodSeconds ?? 10;
          const tolerance = (probe.failureThreshold ?? 3) * period;
          const delay = probe.initialDelaySeconds ?? 0;
          if (kind === 'livenessProbe' && (tolerance > TOOTHLESS_LIVENESS_SECONDS || delay > TOOTHLESS_INITIAL_DELAY_SECONDS)) {
            return [`${where(pair)} livenessProbe waits ${delay}s then tolerates ${tolerance}s of failures`];
          }
          if (kind === 'startupProbe' && delay + tolerance > TOOTHLESS_STARTUP_SECONDS) {
            return [`${where(pair)} startupProbe allows ${delay + tolerance}s before it judges`];
          }
          return [];
        }),
      ),
  },
  {
    id: 'probe-aimed-elsewhere',
    reason: 'a probe pointed at another host or at a port the container does not serve checks something other than the app',
    detect: (ctx) =>
      ctx.containers.flatMap((pair) =>
        changedProbes(pair).flatMap(([kind, probe]) => {
          const host = probe.httpGet?.host ?? probe.tcpSocket?.host;
          if (host) return [`${where(pair)} ${kind} targets host ${host}`];
          if (!probe.httpGet && !probe.tcpSocket) return [];
          const declared = (pair.live?.ports ?? []).map((p) => p.containerPort);
          const port = probePort(probe, pair.live);
          if (declared.length === 0) return [];
          if (port === undefined) return [`${where(pair)} ${kind} names a port the container does not declare`];
          return declared.includes(port) ? [] : [`${where(pair)} ${kind} targets port ${port}; the container serves ${declared.join(', ')}`];
        }),
      ),
  },
  {
    id: 'keep-alive-command',
    reason: 'a command that only keeps the container alive (sleep, tail -f /dev/null, an endless loop) ends the restarts and serves nothing',
    detect: (ctx) =>
      ctx.containers
        .filter((p) => commandChanged(p) && count(commandLine(p.live), KEEP_ALIVE) > count(commandLine(p.baseline), KEEP_ALIVE))
        .map((p) => `${where(p)} now runs '${commandLine(p.live)}'`),
  },
  {
    id: 'app-check-removed',
    reason: "removing the app's own startup check lets it run without what it needs; give it the missing input instead",
    detect: (ctx) =>
      ctx.containers
        .filter((p) => !p.init && commandChanged(p) && count(commandLine(p.live), [FAILURE_EXIT]) < count(commandLine(p.baseline), [FAILURE_EXIT]))
        .map((p) => `${where(p)} no longer exits when its check fails`),
  },
  {
    id: 'work-cut',
    reason: "making the workload do less (smaller footprint, skipped startup work) hides the problem in the lab and brings it back in production",
    detect: (ctx) =>
      ctx.containers.flatMap((p) => {
        if (p.init || !commandChanged(p)) return [];
        const before = steps(p.baseline);
        const after = new Set(steps(p.live));
        const server = before.at(-1);
        if (server === undefined || !after.has(server)) return [];
        const lost = before.filter((s) => !after.has(s) && !NON_WORK.has(s.split(' ')[0] ?? ''));
        return lost.length > 0 ? [`${where(p)} no longer runs '${lost.join("', '")}'`] : [];
      }),
  },
  {
    id: 'init-container-removed',
    reason: 'an init container guards a precondition; without it the app starts before what it depends on exists',
    detect: (ctx) => ctx.containers.filter((p) => p.init && !p.live).map((p) => `${where(p)} was removed`),
  },
  {
    id: 'init-container-noop',
    reason: "an init container that no longer checks its dependency passes while the dependency is still broken",
    detect: (ctx) =>
      ctx.containers.flatMap((p) => {
        if (!p.init || !p.live || !commandChanged(p)) return [];
        const programs = (c: Container) => new Set(steps(c).map((s) => s.split(' ')[0] ?? ''));
        const lostNetwork = [...programs(p.baseline)].some((x) => NETWORK_PROGRAMS.has(x) && !programs(p.live!).has(x));
        const lostFailure = count(commandLine(p.live), [FAILURE_EXIT]) < count(commandLine(p.baseline), [FAILURE_EXIT]);
        return isNoOp(p.live) || lostNetwork || lostFailure ? [`${where(p)} now runs '${commandLine(p.live)}'`] : [];
      }),
  },
  {
    id: 'restart-policy-changed',
    reason: 'changing restartPolicy hides the restarts; the process still fails the same way',
    detect: (ctx) =>
      ctx.workloads.flatMap(({ ref, baseline, live }) => {
        const before = templateOf(baseline)?.restartPolicy ?? 'Always';
        const after = templateOf(live)?.restartPolicy ?? 'Always';
        return live && before !== after ? [`${ref.name} restartPolicy ${before} -> ${after}`] : [];
      }),
  },
  {
    id: 'replicas-changed',
    reason: 'scaling hands the same broken spec to more pods (or to none); the count was never the problem',
    detect: (ctx) =>
      ctx.workloads.flatMap(({ ref, baseline, live }) => {
        if (ref.kind !== 'Deployment' || !live) return [];
        const before = (baseline as Deployment).spec?.replicas ?? 1;
        const after = (live as Deployment).spec?.replicas ?? 1;
        return before !== after ? [`${ref.name} replicas ${before} -> ${after}`] : [];
      }),
  },
  {
    id: 'secret-value-pasted',
    reason: 'a secret pasted as a plain env value leaks into the manifest, the rollout history and every describe; reference the Secret key instead',
    detect: (ctx) => {
      const digests = new Set([
        ...ctx.input.last.secrets.flatMap((s) => Object.values(s.keys)),
        ...ctx.input.baseline.filter((o) => o.kind === 'Secret').flatMap((o) => Object.values(manifestSecretDigests(o))),
      ]);
      return ctx.containers.flatMap((p) =>
        (p.live?.env ?? []).flatMap((e) => {
          if (e.value === undefined || e.value === '') return [];
          const wasSecret = p.baseline.env?.some((b) => b.name === e.name && b.valueFrom?.secretKeyRef);
          return wasSecret || digests.has(sha256(e.value)) ? [`${where(p)} sets ${e.name} as a literal value`] : [];
        }),
      );
    },
  },
  {
    id: 'nothing-changed',
    reason: 'nothing in the spec changed; a new pod runs the same spec and repeats the same crash',
    detect: (ctx) => (nothingChanged(ctx.input.baseline, ctx.input.last) ? ['every object matches what was first applied'] : []),
  },
];

/** Pairs every baseline container with its live self. */
export function refusedFixContext(input: GradeInput): RefusedFixContext {
  const workloads = baselineWorkloads(input.baseline).map((ref) => ({
    ref,
    baseline: baselineWorkload(input.baseline, ref)!,
    live: liveWorkload(input.last, ref),
  }));
  const containers = workloads.flatMap(({ ref, baseline, live }) => {
    const liveContainers = containersOf(templateOf(live));
    // A deleted workload is judged by the pods-ready criterion, not as a removed container.
    if (!live) return [];
    return [...containersOf(templateOf(baseline))].map(([key, container]) => ({
      workload: ref,
      key,
      init: key.startsWith('init:'),
      baseline: container,
      live: liveContainers.get(key),
    }));
  });
  return { input, workloads, containers };
}

/** Every refused fix found in the live state. */
export function findRefusedFixes(input: GradeInput): RefusedFix[] {
  const context = refusedFixContext(input);
  return REFUSED_FIXES.flatMap((detector) =>
    detector.detect(context).map((observed) => ({ id: detector.id, reason: detector.reason, observed })),
  );
}

/** Ids of the catalogue, for validating scenario files. */
export const REFUSED_FIX_IDS = REFUSED_FIXES.map((r) => r.id);
