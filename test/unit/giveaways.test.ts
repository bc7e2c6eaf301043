import { describe, expect, it } from 'vitest';
import { namespaceForAttempt } from '../../src/cluster/labels.js';
import { assertNoGiveaways } from '../../src/runner/leaks.js';
import { packagedCatalog } from '../../src/runner/packaged-catalog.js';
import { oomScenario } from './support/stub-catalog.js';

describe('nothing in the cluster names the scenario or its cause', () => {
  it('refuses a label that gives the cause away', () => {
    const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', labels: { drill: 'oom-killed' } } }];
    expect(() => assertNoGiveaways(objects, oomScenario)).toThrow(/ConfigMap\/site label drill contains 'oom-killed'/);
  });

  it('refuses an object named after the scenario', () => {
    const objects = [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'memory-drill-api' } }];
    expect(() => assertNoGiveaways(objects, oomScenario)).toThrow(/gives the answer away/);
  });

  it('holds for every packaged scenario across several seeds', () => {
    const catalog = packagedCatalog();
    const scenarios = catalog.list();
    expect(scenarios.length).toBeGreaterThan(0);
    for (const scenario of scenarios) {
      for (const seed of [1, 2, 3]) {
        const params = catalog.drawParams(scenario, seed);
        const objects = catalog.renderWorkload(scenario, params, namespaceForAttempt('abc123'));
        expect(() => assertNoGiveaways(objects, scenario), `${scenario.id} seed ${seed}`).not.toThrow();
      }
    }
  });
});
