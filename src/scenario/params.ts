import { renderTemplate } from './render.js';
import type { ParameterSpec, ParamValue, Params } from './types.js';

/** mulberry32: a tiny, well-mixed 32-bit PRNG. Same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh seed for a new attempt. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}

/**
 * Draws every parameter in declaration order, so a `derive` may use any
 * parameter declared before it. Same specs and seed give the same params.
 */
export function drawParams(specs: Record<string, ParameterSpec>, seed: number): Params {
  const next = mulberry32(seed);
  const params: Params = {};
  for (const [name, spec] of Object.entries(specs)) params[name] = drawOne(spec, next, params);
  return params;
}

function drawOne(spec: ParameterSpec, next: () => number, drawn: Params): ParamValue {
  if ('int' in spec) {
    const { min, max, step = 1 } = spec.int;
    const slots = Math.floor((max - min) / step) + 1;
    return min + Math.floor(next() * slots) * step;
  }
  if ('choose' in spec) {
    const pick = spec.choose[Math.floor(next() * spec.choose.length)];
    if (pick === undefined) throw new Error('choose needs at least one value');
    return pick;
  }
  const text = renderTemplate(spec.derive, drawn).trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}
