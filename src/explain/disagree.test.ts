import { describe, expect, it } from 'vitest';
import { explainText } from './explain.js';

describe('when signals disagree', () => {
  it('the recorded OOMKilled wins over an exception in the logs, and says why', () => {
    const d = explainText(`    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Restart Count:  3
$ kubectl logs api-0 --previous
Exception in thread "main" java.lang.IllegalStateException: boom
	at com.acme.Main.main(Main.java:12)
`);
    expect(d.cause).toBe('oom-killed');
    expect(d.alternatives.map((a) => a.cause)).toContain('app-error');
    expect(d.notes.join(' ')).toMatch(/also points to app-error.*oom-killed wins because it rests on the pod's recorded status, which outranks the app's output/);
  });

  it('one decisive signal is enough and needs no note', () => {
    const d = explainText('    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n');
    expect(d.cause).toBe('oom-killed');
    expect(d.notes.some((n) => /wins because/.test(n))).toBe(false);
  });

  it('a missing Secret wins over a crash-loop back-off: the container never started', () => {
    const d = explainText(`  Warning  BackOff  1m (x25 over 10m)  kubelet  Back-off restarting failed container
  Warning  Failed   10m (x3 over 10m)  kubelet  Error: secret "api-env" not found
`);
    expect(d.cause).toBe('create-config-error');
  });
});

describe('describes of controllers', () => {
  it('a Job describe names no cause and says to describe its pods, with what the controller reported', () => {
    const d = explainText(`Name:             backup
Parallelism:      1
Completions:      1
Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 7 Failed
Pod Template:
  Containers:
   backup:
    Image:      acme/backup:1
Events:
  Type     Reason                Age   From            Message
  ----     ------                ----  ----            -------
  Warning  BackoffLimitExceeded  2m    job-controller  Job has reached the specified backoff limit
`);
    expect(d.cause).toBeNull();
    expect(d.notes.join(' ')).toMatch(/describe of a Job, not of a pod; its controller reports: BackoffLimitExceeded/);
  });
});
