import { describe, expect, test } from 'vitest';
import type { DoctorCheck } from '../../src/commands/doctor.js';
import { e2eContext, Learner } from './harness.js';

// doctor on the cluster the suite runs against: every required item holds,
// and each item that does not hold names what to change.
describe('crashlab doctor on a real cluster', () => {
  test('checks reachability, permissions, nodes, node size and the scenario image', async () => {
    const learner = new Learner(await e2eContext());
    const { code, body } = await learner.crashlabJson<{ healthy: boolean; checks: DoctorCheck[] }>('doctor', '--context', learner.context);
    const byId = Object.fromEntries(body.checks.map((c) => [c.id, c]));
    expect(Object.keys(byId)).toEqual(['reachable', 'create-namespaces', 'permissions', 'linux-nodes-ready', 'node-size', 'image-pulls', 'metrics-api']);
    for (const id of ['reachable', 'create-namespaces', 'permissions', 'linux-nodes-ready', 'node-size'] as const) {
      expect(byId[id], JSON.stringify(byId[id])).toMatchObject({ ok: true, required: true });
    }
    for (const c of body.checks) if (c.ok !== true) expect(c.fix, `${c.id} says what to change`).toEqual(expect.any(String));
    expect(body.healthy).toBe(true);
    expect(code).toBe(0);
  });
});
