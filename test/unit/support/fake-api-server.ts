import { afterEach, beforeEach } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  body: string;
}

type Reply = { status: number; body: unknown };
type Route = (request: RecordedRequest) => Reply;

/**
 * A tiny stand-in for the Kubernetes API server: plain HTTP, canned replies
 * per "METHOD /path", every request recorded. Enough to drive client-node for
 * real without a cluster.
 */
export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private server?: Server;

  on(method: string, path: string, reply: Reply | Route): this {
    this.routes.set(`${method} ${path}`, typeof reply === 'function' ? reply : () => reply);
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const path = (req.url ?? '').split('?')[0] ?? '';
    const recorded = { method: req.method ?? '', path, body };
    this.requests.push(recorded);
    const route = this.routes.get(`${recorded.method} ${path}`);
    const reply = route ? route(recorded) : { status: 404, body: notFound(path) };
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }
}

export function notFound(path: string): unknown {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${path} not found` };
}

/** Writes a kubeconfig whose only context points at `server`; returns its path. */
export function writeKubeconfig(server: string, context = 'kind-test'): string {
  const dir = mkdtempSync(join(tmpdir(), 'crashlab-kube-'));
  const path = join(dir, 'config');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${context}`,
      'clusters:',
      `- name: test`,
      `  cluster: { server: "${server}", insecure-skip-tls-verify: true }`,
      'users:',
      '- name: test',
      '  user: { token: fake }',
      'contexts:',
      `- name: ${context}`,
      '  context: { cluster: test, user: test }',
      '',
    ].join('\n'),
  );
  return path;
}

/** Live handles to the fake API server `useFakeApiServer` runs around each test. */
export interface FakeApiHandles {
  readonly api: FakeApiServer;
  /** base URL of the running server */
  readonly server: string;
  /** a kubeconfig whose only context (kind-test) points at it */
  readonly kubeconfig: string;
}

/** Starts a fresh fake API server before each test of the enclosing suite and stops it after. */
export function useFakeApiServer(): FakeApiHandles {
  let current: { api: FakeApiServer; server: string; kubeconfig: string } | undefined;
  beforeEach(async () => {
    const api = new FakeApiServer();
    const server = await api.start();
    current = { api, server, kubeconfig: writeKubeconfig(server) };
  });
  afterEach(() => current?.api.stop());
  const live = () => {
    if (!current) throw new Error('the fake API server runs only inside a test');
    return current;
  };
  return {
    get api() { return live().api; },
    get server() { return live().server; },
    get kubeconfig() { return live().kubeconfig; },
  };
}

/** A Namespace as the API server returns it. */
export function namespaceObject(name: string, labels: Record<string, string>, annotations?: Record<string, string>): unknown {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, annotations, creationTimestamp: '2025-01-01T00:00:00Z' } };
}
