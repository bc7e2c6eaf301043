import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentAttempt, readState, stateDir, stateFile, updateAttempt, updateState, writeState } from '../../src/state.js';
import { fakeAttempt } from './support/attempt.js';
import { tempStateEnv } from './support/memory-io.js';

const attempt = () => fakeAttempt({ params: { limitMi: 48 } });

describe('attempt state', () => {
  it('lives under CRASHLAB_STATE_DIR, else XDG_CONFIG_HOME/crashlab, else ~/.config/crashlab', () => {
    expect(stateDir({ CRASHLAB_STATE_DIR: '/tmp/x' })).toBe('/tmp/x');
    expect(stateDir({ XDG_CONFIG_HOME: '/xdg', HOME: '/home/u' })).toBe('/xdg/crashlab');
    expect(stateDir({ HOME: '/home/u' })).toBe('/home/u/.config/crashlab');
  });

  it('is continued by a second terminal: what one process writes the next reads back whole', () => {
    const env = tempStateEnv();
    updateState((s) => {
      s.attempt = attempt();
    }, env);
    updateAttempt((a) => {
      a.hintsUsed += 1;
    }, env);
    const seenElsewhere = currentAttempt({ ...env });
    expect(seenElsewhere.hintsUsed).toBe(1);
    expect(seenElsewhere.params).toEqual({ limitMi: 48 });
    expect(seenElsewhere.namespace).toBe('crashlab-k3x9qa');
  });

  it('writes by temp file and rename, leaving no temp files behind', () => {
    const env = tempStateEnv();
    for (let i = 0; i < 5; i += 1) writeState({ version: 1, confirmedContexts: [`c${i}`] }, env);
    expect(readdirSync(stateDir(env))).toEqual(['state.json']);
    expect(readState(env).confirmedContexts).toEqual(['c4']);
  });

  it('keeps what another terminal wrote between our read and our write', () => {
    const env = tempStateEnv();
    updateState((s) => {
      s.attempt = attempt();
    }, env);
    // another terminal confirms a context
    updateState((s) => s.confirmedContexts.push('prod-east'), env);
    updateAttempt((a) => {
      a.hintsUsed = 2;
    }, env);
    const state = readState(env);
    expect(state.confirmedContexts).toEqual(['prod-east']);
    expect(state.attempt?.hintsUsed).toBe(2);
  });

  it('says no attempt is in progress with a next step', () => {
    const env = tempStateEnv();
    expect(() => currentAttempt(env)).toThrow(/no attempt in progress; start one with 'crashlab start/);
  });

  it('names a damaged state file instead of crashing on it', () => {
    const env = tempStateEnv();
    writeState({ version: 1, confirmedContexts: [] }, env);
    writeFileSync(stateFile(env), '{"version": 1, "attempt": {');
    expect(() => readState(env)).toThrow(new RegExp(`state file ${join(stateDir(env), 'state.json')} is damaged`));
  });
});
