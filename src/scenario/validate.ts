/**
 * `crashlab validate`: everything that can be wrong with a scenario, found
 * before anyone deploys it. Per scenario file, in order:
 *
 * 1. YAML syntax, then the JSON Schema (schemas/scenario.schema.json, ajv);
 * 2. the loader's cross-links: cause id, refused-fix catalogue, registered
 *    grader, manifests present, debrief present;
 * 3. every template (story, hints, fixes, manifests) rendered for 20 seeds,
 *    and every rendered manifest checked against the Kubernetes OpenAPI
 *    schema of the cluster's release (schemas/kubernetes-v1.34.json).
 *
 * Every problem is one line: file:line:column: field: what is wrong.
 */
import { readFileSync } from 'node:fs';
import { relative, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';
import { renderFix, parseScenario, scenarioIds, type LoadOptions } from './loader.js';
import { manifestSources } from './files.js';
import { packageRoot } from './package-root.js';
import { drawParams } from './params.js';
import { renderTemplate } from './render.js';
import type { Scenario } from './types.js';

/** How many seeds every template is rendered with. */
export const VALIDATE_SEEDS = 20;
/** The schemas shipped with crashlab, relative to its package root. */
export const SCENARIO_SCHEMA = join('schemas', 'scenario.schema.json');
export const KUBERNETES_SCHEMA = join('schemas', 'kubernetes-v1.34.json');

export interface Problem {
  file: string;
  line?: number;
  column?: number;
  field: string;
  message: string;
}

/** One line per problem, paths relative to `cwd`. */
export function formatProblem(p: Problem, cwd: string = process.cwd()): string {
  const where = [relative(cwd, p.file) || p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  return `${where}: ${p.field ? `${p.field}: ` : ''}${oneLine(p.message)}`;
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

type PathSegment = string | number;

/** Line and column (1-based) of the deepest node along `path`, or of the document start. */
function positionOf(doc: Document, counter: LineCounter, path: PathSegment[], offset = 0): { line: number; column: number } {
  let node: unknown = doc.contents;
  let at = (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      at = (pair.key as { range?: number[] }).range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      at = (node as { range?: number[] }).range?.[0] ?? at;
    } else {
      break;
    }
  }
  const { line, col } = counter.linePos(at + offset);
  return { line, column: col };
}

/** '/a/0/b' as a path. */
const pointerPath = (pointer: string): PathSegment[] =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** 'a.b[0].c' as a path; parenthesised loader fields like '(id)' name no path. */
const fieldPath = (field: string): PathSegment[] =>
  field.startsWith('(') ? [] : field.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

const dotted = (path: PathSegment[]): string =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || '(top level)';

/** ajv's errors, one per place, the most telling first. */
function schemaProblems(errors: ErrorObject[] | null | undefined): { path: PathSegment[]; field: string; message: string }[] {
  const seen = new Set<string>();
  const out: { path: PathSegment[]; field: string; message: string }[] = [];
  const ranked = [...(errors ?? [])].sort((a, b) => Number(isWrapper(a)) - Number(isWrapper(b)));
  for (const error of ranked) {
    const path = pointerPath(error.instancePath);
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      const name = String((error.params as { additionalProperty: string }).additionalProperty);
      path.push(name);
      message = 'unknown field';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = dotted(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, field: key, message });
  }
  return out;
}

const isWrapper = (e: ErrorObject): boolean => ['anyOf', 'oneOf', 'if', 'not'].includes(e.keyword);

/** Compiled validators for the scenario schema and each Kubernetes kind. */
export class Schemas {
  private readonly scenario: ValidateFunction;
  private readonly kubeAjv: Ajv;
  private readonly kinds: Record<string, string>;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly release: string;

  constructor(crashlabRoot: string = packageRoot()) {
    const read = (file: string) => JSON.parse(readFileSync(join(crashlabRoot, file), 'utf8')) as Record<string, unknown>;
    this.scenario = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false }).compile(read(SCENARIO_SCHEMA));
    const kube = read(KUBERNETES_SCHEMA) as { release: string; kinds: Record<string, string>; definitions: Record<string, unknown> };
    this.kubeAjv = new Ajv({ allErrors: true, strict: false });
    this.kubeAjv.addSchema({ $id: 'kubernetes', definitions: kube.definitions });
    this.kinds = kube.kinds;
    this.release = kube.release;
  }

  checkScenario(value: unknown): ErrorObject[] {
    return this.scenario(value) ? [] : (this.scenario.errors ?? []);
  }

  /** undefined when the kind is not in the trimmed schema */
  checkObject(apiVersion: string, kind: string, value: unknown): ErrorObject[] | undefined {
    const name = this.kinds[`${apiVersion}/${kind}`];
    if (!name) return undefined;
    let validate = this.compiled.get(name);
    if (!validate) {
      validate = this.kubeAjv.compile({ $ref: `kubernetes#/definitions/${name}` });
      this.compiled.set(name, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []);
  }
}

/** A Handlebars error as a position and a message of our own words where we know them. */
function templateError(error: unknown): { line?: number; column?: number; message: string } {
  const text = messageOf(error);
  const missing = /^"([^"]+)" not defined in .* - (\d+):(\d+)/.exec(text);
  if (missing) return { line: Number(missing[2]), column: Number(missing[3]) + 1, message: `{{${missing[1]}}} names no parameter` };
  const parse = /on line (\d+)/.exec(text);
  return { line: parse ? Number(parse[1]) : undefined, message: text.split('\n')[0]! };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Every problem with one scenario file under `root`. */
export function validateScenarioFile(file: string, options: LoadOptions & { schemas?: Schemas; seeds?: number } = {}): Problem[] {
  const root = options.root ?? packageRoot();
  const schemas = options.schemas ?? new Schemas();
  const text = readFileSync(file, 'utf8');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  const at = (path: PathSegment[]) => positionOf(doc, counter, path);

  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({ file, line: e.linePos?.[0].line, column: e.linePos?.[0].col, field: '(yaml)', message: e.message.split('\n')[0]! }));
  }
  const structural = schemaProblems(schemas.checkScenario(doc.toJS()));
  if (structural.length > 0) return structural.map((p) => ({ file, ...at(p.path), field: p.field, message: p.message }));

  let scenario: Scenario;
  try {
    scenario = parseScenario(text, file, { ...options, root, renderCheck: false });
  } catch (error) {
    const message = messageOf(error);
    const rest = message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
    const split = rest.indexOf(': ');
    const field = split > 0 ? rest.slice(0, split) : '';
    return [{ file, ...at(fieldPath(field)), field, message: split > 0 ? rest.slice(split + 2) : rest }];
  }
  return renderProblems(scenario, file, root, schemas, options.seeds ?? VALIDATE_SEEDS, at);
}

/** Renders every template for `seeds` seeds; manifests are checked against the Kubernetes schema. */
function renderProblems(
  scenario: Scenario,
  file: string,
  root: string,
  schemas: Schemas,
  seeds: number,
  at: (path: PathSegment[]) => { line: number; column: number },
): Problem[] {
  const problems = new Map<string, Problem>();
  const add = (p: Problem, seed: number) => {
    const key = `${p.file}:${p.line}:${p.field}:${p.message}`;
    if (!problems.has(key)) problems.set(key, { ...p, message: `${p.message} (seed ${seed})` });
  };
  const namespace = 'validate';
  const templates = manifestSources(scenario.id, root);
  for (let seed = 1; seed <= seeds; seed++) {
    const inScenario = (path: PathSegment[], run: () => unknown) => {
      try {
        run();
      } catch (error) {
        add({ file, ...at(path), field: dotted(path), message: templateError(error).message }, seed);
      }
    };
    let params = {};
    inScenario(['parameters'], () => (params = drawParams(scenario.parameters, seed)));
    const context = { ...params, namespace };
    inScenario(['story'], () => renderTemplate(scenario.story, context));
    scenario.hints.forEach((h, i) => inScenario(['hints', i], () => renderTemplate(h, context)));
    inScenario(['referenceFix'], () => renderFix(scenario.referenceFix, params, namespace));
    scenario.refusedFixes.forEach((f, i) => inScenario(['refusedFixes', i], () => renderFix(f, params, namespace)));
    for (const template of templates) {
      for (const p of manifestProblems(template, context, schemas)) add(p, seed);
    }
  }
  return [...problems.values()];
}

function manifestProblems(template: { file: string; text: string }, context: Record<string, string | number>, schemas: Schemas): Problem[] {
  const { file } = template;
  let rendered: string;
  try {
    rendered = renderTemplate(template.text, context);
  } catch (error) {
    return [{ file, field: '(template)', ...templateError(error) }];
  }
  const counter = new LineCounter();
  const problems: Problem[] = [];
  for (const doc of parseAllDocuments(rendered, { lineCounter: counter })) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      problems.push({ file, line: e.linePos?.[0].line, column: e.linePos?.[0].col, field: '(rendered yaml)', message: e.message.split('\n')[0]! });
      continue;
    }
    const value = doc.toJS() as { apiVersion?: unknown; kind?: unknown } | null;
    if (value === null || value === undefined) continue;
    const start = positionOf(doc, counter, []);
    if (typeof value !== 'object' || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
      problems.push({ file, ...start, field: '(document)', message: 'a manifest needs apiVersion and kind' });
      continue;
    }
    const errors = schemas.checkObject(value.apiVersion, value.kind, value);
    if (errors === undefined) {
      problems.push({
        file,
        ...start,
        field: 'kind',
        message: `${value.apiVersion} ${value.kind} is not a kind scenarios may use (Kubernetes ${schemas.release}; tools/k8s-schema.mjs lists them)`,
      });
      continue;
    }
    for (const p of schemaProblems(errors)) {
      problems.push({ file, ...positionOf(doc, counter, p.path), field: `${value.kind} ${p.field}`, message: `${p.message} (Kubernetes ${schemas.release})` });
    }
  }
  return problems;
}

export interface ValidationReport {
  /** the scenario files checked */
  files: string[];
  problems: Problem[];
}

/** Validates one scenario file, or every scenario under a package root. */
export function validatePath(target: { root: string; file?: string }, options: { schemas?: Schemas; seeds?: number } = {}): ValidationReport {
  const schemas = options.schemas ?? new Schemas();
  const files = target.file ? [target.file] : scenarioIds({ root: target.root }).map((id) => join(target.root, 'scenarios', `${id}.yaml`));
  const problems = files.flatMap((file) => validateScenarioFile(file, { root: target.root, schemas, seeds: options.seeds }));
  return { files, problems };
}
