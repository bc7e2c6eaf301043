import { describe, expect, it } from 'vitest';
import { explainText } from './explain.js';

/** A crashed container's previous logs, pasted under the command that printed them. */
const logs = (...lines: string[]) => `$ kubectl logs shop-api-7d9f -p\n${lines.join('\n')}\n`;

describe('log classes: a setting the app needs is missing', () => {
  it('Python os.environ raising KeyError is a missing setting, whatever the variable is called', () => {
    const d = explainText(
      logs(
        'Traceback (most recent call last):',
        '  File "/srv/app/settings.py", line 12, in <module>',
        "    region = os.environ['billing region']",
        '  File "/usr/lib/python3.11/os.py", line 679, in __getitem__',
        '    raise KeyError(key) from None',
        "KeyError: 'billing region'",
      ),
    );
    expect(d.cause).toBe('missing-config');
  });

  it('an entrypoint that prints the variable name and "not set" is a missing setting', () => {
    expect(explainText(logs('init: store is empty and STORE_ADMIN_SECRET not set', '  Did you forget to add -e STORE_ADMIN_SECRET=... ?')).cause).toBe('missing-config');
  });

  it('a .NET connection string that was never filled in is a missing setting', () => {
    expect(explainText(logs('fail: Orders.Worker[0]', 'System.InvalidOperationException: The ConnectionString property has not been initialized.')).cause).toBe('missing-config');
  });

  it('a config file the entrypoint expects but cannot find is a missing setting', () => {
    expect(explainText(logs('/entry.sh: launching 20-render-templates.sh', '20-render-templates.sh: error: /etc/proxy/site.conf is not a file or does not exist')).cause).toBe('missing-config');
  });

  it('a web page saying "URL was not found" is not a missing setting', () => {
    const d = explainText(logs('$ curl -i localhost:8080/', 'HTTP/1.1 404 NOT FOUND', '<p>The requested URL was not found on the server.</p>'));
    expect(d.cause).not.toBe('missing-config');
  });

  it('a variable with an underscore that "was not found" still is one', () => {
    expect(explainText(logs('FATAL: LEDGER_DB_DSN was not found in the environment, cannot start')).cause).toBe('missing-config');
  });
});

describe('log classes: a parent reports its child was killed', () => {
  it('npm reporting errno 137 after a bare "Killed" reads as memory, and only as likely', () => {
    const d = explainText(logs('webpack: compiling 1200 modules', 'Killed', 'npm ERR! code ELIFECYCLE', 'npm ERR! errno 137', 'npm ERR! shop@1.0.0 start: `node build.js`', 'npm ERR! Exit status 137'));
    expect(d.cause).toBe('oom-killed');
    expect(d.confidence).toBeLessThan(0.8);
  });

  it('a liveness kill recorded by the kubelet still wins over a parent saying 137', () => {
    const d = explainText(`    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
    Restart Count:  6
Events:
  Warning  Unhealthy  1m (x9 over 4m)  kubelet  Liveness probe failed: Get "http://10.2.0.7:8080/healthz": context deadline exceeded
  Normal   Killing    1m (x3 over 4m)  kubelet  Container api failed liveness probe, will be restarted
$ kubectl logs api-0 -p
npm ERR! errno 137
`);
    expect(d.cause).toBe('liveness-probe');
  });
});

describe('log classes: a message broker that is not there', () => {
  it('Kafka clients that cannot reach any bootstrap broker are a dependency failure', () => {
    const d = explainText(logs('2024-03-01 10:00:01.100  WARN 1 --- [consumer-0] o.a.k.clients.NetworkClient : [Consumer clientId=c-1] Connection to node -1 (kafka-0.kafka/10.0.3.4:9092) could not be established. Broker may not be available.'));
    expect(d.cause).toBe('dependency-unreachable');
  });
});

describe('log classes: Node cannot find a module', () => {
  it('the entry script missing from the image is a bad command', () => {
    expect(explainText(logs("Error: Cannot find module '/srv/dist/server.js'", '    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)', "  code: 'MODULE_NOT_FOUND',")).cause).toBe('bad-command');
  });

  it('a dependency missing inside node_modules is the image being built wrong, an app error', () => {
    const d = explainText(logs("Error: Cannot find module '/srv/node_modules/left-pad/lib/index.js'", '    at createEsmNotFoundErr (node:internal/modules/cjs/loader:1419:15)', "  code: 'MODULE_NOT_FOUND',"));
    expect(d.cause).toBe('app-error');
  });
});

describe('log classes: Docker and Compose say how a container ended', () => {
  it('"exited with code 0" and a Restarting state name a clean exit that is restarted', () => {
    const d = explainText(`$ docker compose up
Attaching to billing-worker-1
billing-worker-1  | report written to /out/report.csv
billing-worker-1 exited with code 0
$ docker compose ps
NAME               COMMAND             STATE        PORTS
billing-worker-1   "python report.py"  Restarting
`);
    expect(d.cause).toBe('completed-exit-0');
    expect(d.confidence).toBeLessThan(0.8);
  });

  it('an exit 0 with nothing that shows a restart names nothing', () => {
    expect(explainText('$ docker ps -a\nCONTAINER ID   IMAGE       STATUS                     NAMES\n3f2a9c1d0b7e   tools:1.2   Exited (0) 4 seconds ago   tools\n').cause).toBeNull();
  });

  it('a docker ps row in Restarting after exit 0 is enough', () => {
    expect(explainText('$ docker ps\nCONTAINER ID   IMAGE        STATUS                          NAMES\n9b1e77aa02cd   cron:latest  Restarting (0) 12 seconds ago   cron\n').cause).toBe('completed-exit-0');
  });

  it('a log line that merely ends in the word Restarting is still a log line', () => {
    const d = explainText(logs('2024-05-01T10:00:00Z INFO pool drained, Restarting', 'Traceback (most recent call last):', '  File "/app/main.py", line 3, in <module>', 'ZeroDivisionError: division by zero'));
    expect(d.cause).toBe('app-error');
  });
});

describe('OpenShift web console states pasted as text', () => {
  it('"Waiting (CrashLoopBackOff)" over "Terminated at ... (Completed)" is a clean exit restarted', () => {
    const d = explainText('Status:\nCrash loop back off\nContainer report-job\n\nState:\nWaiting (CrashLoopBackOff)\nLast State\nTerminated at Mar 3, 2019 10:02:11 AM (Completed)\nReady:\nfalse\nRestart Count:\n12\n');
    expect(d.cause).toBe('completed-exit-0');
  });

  it('the same console with an OOMKilled termination names the OOM kill', () => {
    expect(explainText('State:\nWaiting (CrashLoopBackOff)\nLast State\nTerminated at Mar 3, 2019 10:02:11 AM (OOMKilled)\n').cause).toBe('oom-killed');
  });
});
