import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { GRADERS } from '../../graders/index.js';
import { isCauseId } from '../causes.js';
import { ScenarioFileError, UnknownScenarioError } from '../errors.js';
import { REFUSED_FIXES } from '../grading/refused-fixes.js';
import { manifestSources as manifestFiles, scenarioIds as scenarioFileIds } from './files.js';
import { packageRoot } from './package-root.js';
import { drawParams } from './params.js';
import { renderManifests, renderTemplate } from './render.js';
import type {
  Difficulty,
  EvidenceKind,
  FixSpec,
  KubeObject,
  ParameterSpec,
  Params,
  RefusedFixSpec,
  RemedyChoice,
  Scenario,
  SignatureSpec,
  SilencerSpec,
} from './types.js';

export interface LoadOptions {
  /** package root holding scenarios/, manifests/, graders/, docs/; found from this module by default */
  root?: string;
  /** ids with a registered grader; defaults to graders/index.ts */
  graderIds?: readonly string[];
  /** ids in the refused-fix catalogue; defaults to src/grading/refused-fixes.ts */
  refusedIds?: readonly string[];
  /** false: skip the render check at load (validate renders every template itself, for many seeds) */
  renderCheck?: boolean;
}

const DIFFICULTIES: readonly Difficulty[] = ['beginner', 'intermediate', 'advanced'];
const EVIDENCE_KINDS: readonly EvidenceKind[] = ['last-state', 'event', 'previous-log', 'waiting-reason'];
const TOP_LEVEL_FIELDS = new Set([
  'title', 'cause', 'difficulty', 'minutes', 'goals', 'story', 'parameters', 'signature', 'evidence',
  'remedies', 'hints', 'referenceFix', 'acceptedFixes', 'refusedFixes', 'silencers', 'stabilitySeconds', 'debrief',
]);
const SIGNATURE_FIELDS = new Set([
  'container', 'terminatedReason', 'exitCode', 'terminatedMessage', 'waitingReason', 'event', 'previousLog', 'minRestarts',
]);
/** A namespace the load-time render check uses; never applied anywhere. */
const CHECK_NAMESPACE = 'render-check';

/** Ids of every scenario file, sorted. */
export function scenarioIds(options: LoadOptions = {}): string[] {
  return scenarioFileIds(options.root ?? packageRoot());
}

/** Loads and validates one scenario. Throws UnknownScenarioError or ScenarioFileError. */
export function loadScenario(id: string, options: LoadOptions = {}): Scenario {
  const root = options.root ?? packageRoot();
  const file = join(root, 'scenarios', `${id}.yaml`);
  if (!existsSync(file)) throw new UnknownScenarioError(id, scenarioIds({ ...options, root }));
  return parseScenario(readFileSync(file, 'utf8'), file, { ...options, root });
}

/** Loads every scenario; the first malformed file stops the load. */
export function loadScenarios(options: LoadOptions = {}): Scenario[] {
  const root = options.root ?? packageRoot();
  return scenarioIds({ ...options, root }).map((id) => loadScenario(id, { ...options, root }));
}

/** The manifest templates of a scenario, in file-name order. */
export function manifestSources(id: string, root: string = packageRoot()): { file: string; text: string }[] {
  return manifestFiles(id, root);
}

/** The broken workload for one attempt, rendered and parsed, placed in `namespace`. */
export function renderWorkload(scenario: Scenario, params: Params, namespace: string, root: string = packageRoot()): KubeObject[] {
  return renderManifests(manifestSources(scenario.id, root), params, namespace);
}

/** A fix's commands with the namespace and params filled in. */
export function renderFix<T extends FixSpec>(fix: T, params: Params, namespace: string): T {
  const context = { ...params, namespace };
  return { ...fix, description: renderTemplate(fix.description, context), commands: fix.commands.map((c) => renderTemplate(c, context)) };
}

/** The story as the learner reads it for this attempt. */
export function renderStory(scenario: Scenario, params: Params): string {
  return renderTemplate(scenario.story, params).trim();
}

/** Validates a scenario file's text. `file` names the file in every error. */
export function parseScenario(text: string, file: string, options: LoadOptions = {}): Scenario {
  const root = options.root ?? packageRoot();
  const id = basename(file, '.yaml');
  const fail = (field: string, problem: string): never => {
    throw new ScenarioFileError(`${file}: ${field}: ${problem}`);
  };

  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    fail('(yaml)', error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  const doc = record(raw, '(top level)', fail);
  for (const key of Object.keys(doc)) if (!TOP_LEVEL_FIELDS.has(key)) fail(key, 'unknown field');

  const cause = str(doc.cause, 'cause', fail);
  if (!isCauseId(cause)) fail('cause', `'${cause}' is not a known cause id (see src/causes.ts)`);
  const difficulty = str(doc.difficulty, 'difficulty', fail) as Difficulty;
  if (!DIFFICULTIES.includes(difficulty)) fail('difficulty', `must be one of ${DIFFICULTIES.join(', ')}`);

  const graderIds = options.graderIds ?? Object.keys(GRADERS);
  if (!graderIds.includes(id)) fail('(id)', `no grader registered for '${id}' in graders/index.ts`);
  const manifests = manifestSources(id, root);
  if (manifests.length === 0) fail('(id)', `manifests/${id}/ must exist and hold *.yaml.hbs templates`);
  const debrief = doc.debrief === undefined ? `docs/scenarios/${id}.md` : str(doc.debrief, 'debrief', fail);
  if (!existsSync(join(root, debrief))) fail('debrief', `${debrief} does not exist`);

  const shapes = shapeValues(doc.parameters);
  const scenario: Scenario = {
    id,
    title: str(doc.title, 'title', fail),
    cause: cause as Scenario['cause'],
    difficulty,
    minutes: positive(doc.minutes, 'minutes', fail),
    goals: strings(doc.goals, 'goals', fail),
    story: str(doc.story, 'story', fail),
    parameters: parameters(doc.parameters, fail),
    signature: signature(doc.signature, fail),
    evidence: evidence(doc.evidence, fail),
    remedies: remedies(doc.remedies, fail),
    hints: strings(doc.hints, 'hints', fail),
    referenceFix: fixSpec(doc.referenceFix, 'referenceFix', shapes, fail),
    acceptedFixes: optionalList(doc.acceptedFixes, 'acceptedFixes', fail).map((raw, i) => fixSpec(raw, `acceptedFixes[${i}]`, shapes, fail)),
    refusedFixes: refusedFixes(doc.refusedFixes, options.refusedIds ?? REFUSED_FIXES.map((r) => r.id), shapes, fail),
    silencers: optionalList(doc.silencers, 'silencers', fail).map((raw, i) => silencer(raw, `silencers[${i}]`, shapes, fail)),
    stabilitySeconds: positive(doc.stabilitySeconds, 'stabilitySeconds', fail),
    debrief,
  };
  if (options.renderCheck !== false) checkTemplatesRender(scenario, manifests, fail);
  return scenario;
}

type Fail = (field: string, problem: string) => never;

/** Every template must render with drawn params: a typo'd placeholder fails at load, not mid-attempt. */
function checkTemplatesRender(scenario: Scenario, manifests: { file: string; text: string }[], fail: Fail): void {
  let params: Params = {};
  const attempt = (field: string, run: () => unknown): void => {
    try {
      run();
    } catch (error) {
      fail(field, error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
  };
  attempt('parameters', () => (params = drawParams(scenario.parameters, 1)));
  const context = { ...params, namespace: CHECK_NAMESPACE };
  attempt('story', () => renderTemplate(scenario.story, context));
  for (const [key, value] of Object.entries(scenario.signature)) {
    if (typeof value === 'string') attempt(`signature.${key}`, () => renderTemplate(value, context));
  }
  if (scenario.signature.event) {
    const { reason, message } = scenario.signature.event;
    attempt('signature.event', () => [renderTemplate(reason, context), renderTemplate(message, context)]);
  }
  scenario.hints.forEach((h, i) => attempt(`hints[${i}]`, () => renderTemplate(h, context)));
  attempt('referenceFix', () => renderFix(scenario.referenceFix, params, CHECK_NAMESPACE));
  scenario.acceptedFixes.forEach((f, i) => attempt(`acceptedFixes[${i}]`, () => renderFix(f, params, CHECK_NAMESPACE)));
  scenario.refusedFixes.forEach((f, i) => attempt(`refusedFixes[${i}]`, () => renderFix(f, params, CHECK_NAMESPACE)));
  scenario.silencers.forEach((f, i) => attempt(`silencers[${i}]`, () => renderFix(f, params, CHECK_NAMESPACE)));
  attempt('(manifests)', () => renderManifests(manifests, params, CHECK_NAMESPACE));
}

function record(value: unknown, field: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(field, 'must be a mapping');
  return value as Record<string, unknown>;
}

function str(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, 'must be a non-empty string');
  return value;
}

function positive(value: unknown, field: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) return fail(field, 'must be a positive integer');
  return value;
}

function strings(value: unknown, field: string, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0) return fail(field, 'must be a non-empty list of strings');
  return value.map((v, i) => str(v, `${field}[${i}]`, fail));
}

function parameters(value: unknown, fail: Fail): Record<string, ParameterSpec> {
  const specs = record(value, 'parameters', fail);
  const out: Record<string, ParameterSpec> = {};
  for (const [name, raw] of Object.entries(specs)) {
    const field = `parameters.${name}`;
    if (!/^[a-z][A-Za-z0-9]*$/.test(name)) fail(field, 'parameter names are camelCase identifiers');
    if (name === 'namespace') fail(field, "'namespace' is set by crashlab, not drawn");
    const spec = record(raw, field, fail);
    const kinds = Object.keys(spec);
    if (kinds.length !== 1) fail(field, 'needs exactly one of int, choose, derive');
    if ('int' in spec) {
      const range = record(spec.int, `${field}.int`, fail);
      const { min, max, step = 1 } = range;
      if (![min, max, step].every((n) => typeof n === 'number' && Number.isInteger(n))) fail(`${field}.int`, 'min, max and step are integers');
      if ((min as number) > (max as number) || (step as number) <= 0) fail(`${field}.int`, 'needs min <= max and step > 0');
      out[name] = { int: { min: min as number, max: max as number, step: step as number } };
    } else if ('choose' in spec) {
      const choices = spec.choose;
      if (!Array.isArray(choices) || choices.length === 0 || !choices.every((c) => typeof c === 'string' || typeof c === 'number')) {
        fail(`${field}.choose`, 'must be a non-empty list of strings or numbers');
      }
      out[name] = { choose: choices as (string | number)[] };
    } else if ('derive' in spec) {
      out[name] = { derive: str(spec.derive, `${field}.derive`, fail) };
    } else {
      fail(field, `unknown kind '${kinds[0]}'; use int, choose or derive`);
    }
  }
  return out;
}

function signature(value: unknown, fail: Fail): SignatureSpec {
  const raw = record(value, 'signature', fail);
  for (const key of Object.keys(raw)) if (!SIGNATURE_FIELDS.has(key)) fail(`signature.${key}`, 'unknown field');
  const out: SignatureSpec = { container: str(raw.container, 'signature.container', fail) };
  for (const key of ['terminatedReason', 'terminatedMessage', 'waitingReason', 'previousLog'] as const) {
    if (raw[key] !== undefined) out[key] = str(raw[key], `signature.${key}`, fail);
  }
  if (raw.exitCode !== undefined) {
    if (typeof raw.exitCode !== 'number' && typeof raw.exitCode !== 'string') fail('signature.exitCode', 'must be a number or a template');
    out.exitCode = raw.exitCode as number | string;
  }
  if (raw.minRestarts !== undefined) out.minRestarts = positive(raw.minRestarts, 'signature.minRestarts', fail);
  if (raw.event !== undefined) {
    const event = record(raw.event, 'signature.event', fail);
    out.event = { reason: str(event.reason, 'signature.event.reason', fail), message: str(event.message, 'signature.event.message', fail) };
  }
  if (Object.keys(out).length === 1) fail('signature', 'needs at least one thing to match besides the container');
  return out;
}

function evidence(value: unknown, fail: Fail): EvidenceKind[] {
  const kinds = strings(value, 'evidence', fail);
  kinds.forEach((k, i) => {
    if (!EVIDENCE_KINDS.includes(k as EvidenceKind)) fail(`evidence[${i}]`, `'${k}' is not one of ${EVIDENCE_KINDS.join(', ')}`);
  });
  return kinds as EvidenceKind[];
}

function remedies(value: unknown, fail: Fail): RemedyChoice[] {
  if (!Array.isArray(value) || value.length < 2) return fail('remedies', 'must list at least two choices');
  const seen = new Set<string>();
  const out = value.map((raw, i): RemedyChoice => {
    const field = `remedies[${i}]`;
    const r = record(raw, field, fail);
    const id = str(r.id, `${field}.id`, fail);
    if (seen.has(id)) fail(`${field}.id`, `duplicate id '${id}'`);
    seen.add(id);
    if (typeof r.correct !== 'boolean') fail(`${field}.correct`, 'must be true or false');
    const choice: RemedyChoice = { id, text: str(r.text, `${field}.text`, fail), correct: r.correct as boolean };
    if (!choice.correct) choice.why = str(r.why, `${field}.why`, fail);
    return choice;
  });
  if (!out.some((r) => r.correct)) fail('remedies', 'needs at least one correct choice');
  if (!out.some((r) => !r.correct)) fail('remedies', 'needs at least one wrong choice');
  return out;
}

/** The values a scenario's `shape` parameter can draw: its sub-shapes, or none. */
function shapeValues(parameters: unknown): string[] | undefined {
  const spec = (parameters as Record<string, unknown> | undefined)?.shape as { choose?: unknown } | undefined;
  return Array.isArray(spec?.choose) ? spec.choose.map(String) : undefined;
}

function optionalList(value: unknown, field: string, fail: Fail): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(field, 'must be a list');
  return value;
}

function fixSpec(value: unknown, field: string, shapes: string[] | undefined, fail: Fail): FixSpec {
  const raw = record(value, field, fail);
  const commands = strings(raw.commands, `${field}.commands`, fail);
  commands.forEach((c, i) => {
    if (!c.trimStart().startsWith('kubectl ')) fail(`${field}.commands[${i}]`, 'must start with kubectl');
  });
  const fix: FixSpec = { description: str(raw.description, `${field}.description`, fail), commands };
  if (raw.shape !== undefined) {
    const shape = str(raw.shape, `${field}.shape`, fail);
    if (!shapes) fail(`${field}.shape`, "needs a 'shape' parameter with choose values");
    if (!shapes!.includes(shape)) fail(`${field}.shape`, `'${shape}' is not one of ${shapes!.join(', ')}`);
    fix.shape = shape;
  }
  return fix;
}

function silencer(value: unknown, field: string, shapes: string[] | undefined, fail: Fail): SilencerSpec {
  return { ...fixSpec(value, field, shapes, fail), fails: str(record(value, field, fail).fails, `${field}.fails`, fail) };
}

function refusedFixes(value: unknown, catalogue: readonly string[], shapes: string[] | undefined, fail: Fail): RefusedFixSpec[] {
  if (!Array.isArray(value) || value.length === 0) return fail('refusedFixes', 'must list at least one refused fix');
  return value.map((raw, i) => {
    const field = `refusedFixes[${i}]`;
    const fix = fixSpec(raw, field, shapes, fail);
    const refused = str(record(raw, field, fail).refused, `${field}.refused`, fail);
    if (!catalogue.includes(refused)) fail(`${field}.refused`, `'${refused}' is not in the refused-fix catalogue`);
    return { ...fix, refused };
  });
}
