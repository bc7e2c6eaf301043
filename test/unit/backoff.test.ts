import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/kube/wire.js';
import { nextRestartIn, parseGoDuration } from '../../src/runner/backoff.js';
import { reproduceLine } from '../../src/runner/reproduce.js';
import { emptySnapshot } from '../../src/snapshot.js';

function backingOff(message: string, finishedAt: string, restarts = 3): Pod {
  return {
    metadata: { name: 'pricing-1' },
    status: {
      containerStatuses: [
        {
          name: 'api',
          image: 'busybox',
          imageID: '',
          ready: false,
          restartCount: restarts,
          state: { waiting: { reason: 'CrashLoopBackOff', message } },
          lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt } },
        },
      ],
    },
  };
}

describe('kubelet back-off', () => {
  it('parses durations as the kubelet prints them', () => {
    expect(parseGoDuration('10s')).toBe(10);
    expect(parseGoDuration('1m20s')).toBe(80);
    expect(parseGoDuration('5m0s')).toBe(300);
    expect(parseGoDuration('soon')).toBeUndefined();
  });

  it('counts down to the next restart from the waiting message and the last finish time', () => {
    const pod = backingOff('back-off 40s restarting failed container=api pod=pricing-1_crashlab-x(uid)', '2025-01-01T00:00:00Z');
    expect(nextRestartIn(pod, new Date('2025-01-01T00:00:15Z'))).toBe(25);
    expect(nextRestartIn(pod, new Date('2025-01-01T00:01:00Z'))).toBe(0);
  });

  it('knows nothing when the pod is not backing off', () => {
    const pod = backingOff('', '2025-01-01T00:00:00Z');
    pod.status!.containerStatuses![0]!.state = { running: { startedAt: '2025-01-01T00:00:01Z' } };
    expect(nextRestartIn(pod)).toBeUndefined();
  });

  it('shows progress without naming the failure it waits for', () => {
    const snapshot = { ...emptySnapshot('crashlab-x'), pods: [backingOff('back-off 20s restarting failed container=api', '2025-01-01T00:00:00Z', 2)] };
    const line = reproduceLine(snapshot, 34, new Date('2025-01-01T00:00:05Z'));
    expect(line).toBe('waiting for the failure to show in live pod state, pods: 1 Pending (0/1 ready), 2 restarts, kubelet restarts it in ~15s, 34s elapsed');
    expect(line).not.toMatch(/OOM|137|CrashLoop/i);
  });
});
