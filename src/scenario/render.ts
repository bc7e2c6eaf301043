import Handlebars from 'handlebars';
import { parseAllDocuments } from 'yaml';
import { ScenarioFileError } from '../errors.js';
import type { KubeObject, ParamValue } from './types.js';

/** The one Handlebars environment every crashlab template goes through. */
const templates = Handlebars.create();

const num = (value: unknown): number => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(value)}`);
  return n;
};

// A JSON string or number is a valid YAML flow scalar, so `{{json x}}` is
// always safe to paste where YAML expects a value.
templates.registerHelper('json', (value: unknown) => JSON.stringify(value));
templates.registerHelper('add', (a: unknown, b: unknown) => num(a) + num(b));
templates.registerHelper('sub', (a: unknown, b: unknown) => num(a) - num(b));
templates.registerHelper('mul', (a: unknown, b: unknown) => num(a) * num(b));
templates.registerHelper('div', (a: unknown, b: unknown) => Math.floor(num(a) / num(b)));
templates.registerHelper('eq', (a: unknown, b: unknown) => a === b);
templates.registerHelper('upper', (s: unknown) => String(s).toUpperCase());
templates.registerHelper('lower', (s: unknown) => String(s).toLowerCase());
templates.registerHelper('replace', (s: unknown, from: unknown, to: unknown) =>
  String(s).split(String(from)).join(String(to)),
);

/** Template context: the attempt's namespace and drawn parameters. */
export type RenderContext = Record<string, ParamValue>;

/**
 * Renders one template. Strict: a placeholder naming a missing parameter is an
 * error, not an empty string. No HTML escaping: the output is YAML or shell.
 */
export function renderTemplate(source: string, context: RenderContext): string {
  let compiled = compiledTemplates.get(source);
  if (!compiled) {
    compiled = templates.compile(source, { noEscape: true, strict: true });
    compiledTemplates.set(source, compiled);
  }
  return compiled(context);
}

/** Compiled templates by source: a scenario renders the same few templates for every seed. */
const compiledTemplates = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Renders manifest templates and parses the output as (multi-document) YAML,
 * so nothing unparsed is ever applied. Every object is placed in `namespace`.
 */
export function renderManifests(
  sources: { file: string; text: string }[],
  context: RenderContext,
  namespace: string,
): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const { file, text } of sources) {
    const rendered = renderTemplate(text, { ...context, namespace });
    for (const doc of parseAllDocuments(rendered)) {
      if (doc.errors.length > 0) throw new ScenarioFileError(`${file}: ${doc.errors[0]?.message}`);
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) continue;
      objects.push(asKubeObject(value, file, namespace));
    }
  }
  return objects;
}

function asKubeObject(value: unknown, file: string, namespace: string): KubeObject {
  const object = value as Partial<KubeObject>;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ScenarioFileError(`${file}: a document is not a mapping`);
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
    throw new ScenarioFileError(`${file}: a document lacks apiVersion or kind`);
  }
  if (typeof object.metadata?.name !== 'string') throw new ScenarioFileError(`${file}: ${object.kind} lacks metadata.name`);
  return { ...object, metadata: { ...object.metadata, namespace } } as KubeObject;
}
