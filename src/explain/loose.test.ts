import { describe, expect, it } from 'vitest';
import { messageEvent, readLoose, readStatusFragment } from './loose.js';

const lines = (text: string) => text.split('\n');

describe('readStatusFragment', () => {
  it('reads a status that starts mid-document with state: at column 0 and deeper lines below', () => {
    const read = readStatusFragment(lines(`state:
      waiting:
        reason: CrashLoopBackOff
    lastState:
      terminated:
        exitCode: 137
        reason: OOMKilled
    name: worker
    restartCount: 12`));
    const container = read?.pod.containers[0];
    expect(container?.name).toBe('worker');
    expect(container?.lastState?.value).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(container?.state?.value).toMatchObject({ kind: 'waiting', reason: 'CrashLoopBackOff' });
    expect(container?.restartCount?.value).toBe(12);
  });

  it('reads chat quoting and elisions', () => {
    const read = readStatusFragment(lines(`> lastState:
>   terminated:
...
>     exitCode: 1
>     reason: Error`));
    expect(read?.pod.containers[0]?.lastState?.value).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('reads JSON keys with quotes, braces and trailing commas', () => {
    const read = readStatusFragment(lines(`"lastState": {
  "terminated": {
    "exitCode": 139,
    "reason": "Error",`));
    expect(read?.pod.containers[0]?.lastState?.value).toMatchObject({ exitCode: 139, reason: 'Error' });
  });

  it('joins a folded message', () => {
    const read = readStatusFragment(lines(`    state:
      waiting:
        message: >-
          secret "db"
          not found
        reason: CreateContainerConfigError`));
    expect(read?.pod.containers[0]?.state?.value).toMatchObject({ kind: 'waiting', reason: 'CreateContainerConfigError', message: 'secret "db" not found' });
  });

  it('reads conditions item by item whatever the key order', () => {
    const read = readStatusFragment(lines(`conditions:
- message: 'pod was terminated in response to imminent node shutdown'
  reason: TerminationByKubelet
  status: "True"
  type: DisruptionTarget
- status: "False"
  type: Ready`));
    expect(read?.pod.conditions.map((c) => c.value)).toEqual([
      expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet' }),
      expect.objectContaining({ type: 'Ready', status: 'False' }),
    ]);
  });

  it('leaves prose with a colon or two alone', () => {
    expect(readStatusFragment(lines('Note: the state: of the app is fine\nreason: I restarted it'))).toBeUndefined();
  });
});

describe('messageEvent', () => {
  it.each([
    ['0/3 nodes are available: 3 Insufficient cpu.', 'FailedScheduling'],
    ['Failed to pull image "acme/web:9": not found', 'Failed'],
    ['The node was low on resource: memory. Container app was using 2Gi, request is 1Gi.', 'Evicted'],
    ['Error: secret "api-keys" not found', 'Failed'],
    ['Container web failed liveness probe, will be restarted', 'Killing'],
    ['Memory cgroup out of memory: Killed process 4242 (java) total-vm:100kB', 'OOMKilling'],
    ['Pod was terminated in response to imminent node shutdown.', 'Shutdown'],
    ['OCI runtime create failed: exec: "run.sh": executable file not found in $PATH: unknown', 'Failed'],
  ])('reads %s as a %s event', (text, reason) => {
    expect(messageEvent(text)?.reason).toBe(reason);
  });

  it.each([
    ['an app log line', '2025-01-01 INFO server started'],
    ["kubectl's own complaint", 'Error from server (BadRequest): container "app" in pod "x" is waiting to start: ContainerCreating'],
    ['a runtime word without a refusal', 'container_linux.go:345: starting container process'],
  ])('leaves %s alone', (_name, text) => {
    expect(messageEvent(text)).toBeUndefined();
  });
});

describe('readLoose', () => {
  it('takes an exit code said in words when nothing structured gives one', () => {
    const read = readLoose(['renderer-1  | starting', 'renderer-1 exited with code 139']);
    expect(read.record.pods[0]?.containers[0]?.lastState?.value.exitCode).toBe(139);
  });

  it('turns "exited on signal 11" into the shell convention 139', () => {
    const read = readLoose(['WARNING: [pool www] child 38 exited on signal 11 (SIGSEGV) after 9 seconds']);
    expect(read.record.pods[0]?.containers[0]?.lastState?.value.exitCode).toBe(139);
  });

  it('keeps the lines it did not use as the app output', () => {
    const read = readLoose(['hello', '0/2 nodes are available: 2 Insufficient memory.', 'bye']);
    expect(read.rest).toEqual(['hello', 'bye']);
    expect(read.record.pods[0]?.events[0]?.reason).toBe('FailedScheduling');
  });
});
