import type { confirm as confirmPrompt, input as inputPrompt, select as selectPrompt } from '@inquirer/prompts';
import { MissingAnswerError } from '../errors.js';
import type { CliIo } from './io.js';

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

interface Asked<T> {
  message: string;
  /** the answer given as a command-line flag, used instead of asking */
  flag?: T;
  /** the flag that answers this prompt, named when stdin cannot */
  flagName: string;
}

/**
 * Every question crashlab asks goes through a Prompter. A flag's value always
 * wins; without one, a terminal is asked with @inquirer/prompts and anything
 * else gets MissingAnswerError naming the flag to pass. Ctrl-C surfaces as
 * @inquirer's ExitPromptError, which cli.ts turns into "cancelled".
 */
export interface Prompter {
  readonly interactive: boolean;
  select<T extends string>(question: Asked<T> & { choices: Choice<T>[] }): Promise<T>;
  confirm(question: Asked<boolean> & { default?: boolean }): Promise<boolean>;
  input(question: Asked<string>): Promise<string>;
}

/** Raw prompt functions, replaceable in tests. */
export interface PromptBackend {
  select: typeof selectPrompt;
  confirm: typeof confirmPrompt;
  input: typeof inputPrompt;
}

/** @inquirer/prompts, loaded on the first question: most commands never ask one. */
const inquirer: PromptBackend = {
  select: ((config, context) => import('@inquirer/prompts').then((m) => m.select(config, context))) as typeof selectPrompt,
  confirm: ((config, context) => import('@inquirer/prompts').then((m) => m.confirm(config, context))) as typeof confirmPrompt,
  input: ((config, context) => import('@inquirer/prompts').then((m) => m.input(config, context))) as typeof inputPrompt,
};

export function createPrompter(io: CliIo, backend: PromptBackend = inquirer): Prompter {
  const interactive = io.stdin.isTTY === true;
  const context = { input: io.stdin, output: io.stdout, signal: io.signal, clearPromptOnDone: false };
  const need = (flagName: string, message: string): never => {
    throw new MissingAnswerError(`'${message}' needs an answer and stdin is not a terminal; pass ${flagName}`);
  };
  return {
    interactive,
    async select({ message, flag, flagName, choices }) {
      if (flag !== undefined) return flag;
      if (!interactive) return need(flagName, message);
      return backend.select({ message, choices, pageSize: Math.min(choices.length, 16) }, context);
    },
    async confirm({ message, flag, flagName, default: fallback }) {
      if (flag !== undefined) return flag;
      if (!interactive) return need(flagName, message);
      return backend.confirm({ message, default: fallback ?? false }, context);
    },
    async input({ message, flag, flagName }) {
      if (flag !== undefined) return flag;
      if (!interactive) return need(flagName, message);
      return backend.input({ message }, context);
    },
  };
}
