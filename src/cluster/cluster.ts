import {
  ApisApi,
  AppsV1Api,
  AuthorizationV1Api,
  BatchV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubernetesObjectApi,
  ServerConfiguration,
  VersionApi,
  createConfiguration,
  type KubeConfig,
  type Middleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { ClusterUnreachableError, PermissionError } from '../errors.js';
import { loadKubeConfig, type KubeconfigOptions } from './kubeconfig.js';

/** Per-request time limit, so an unreachable server fails instead of hanging. */
const REQUEST_TIMEOUT_MS = 15_000;

/** Sent with every request, so an API server's audit log tells crashlab's writes apart. */
export const USER_AGENT = 'crashlab/0.1';

/**
 * One connection to one cluster: the typed API clients, the context they use,
 * and a count of the HTTP requests made through them. Every crashlab read and
 * write goes through a Cluster; writes additionally go through the guard in
 * guard.ts.
 */
export class Cluster {
  readonly context: string;
  readonly server: string;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly discovery: DiscoveryV1Api;
  readonly authorization: AuthorizationV1Api;
  readonly version: VersionApi;
  readonly apis: ApisApi;
  readonly objects: KubernetesObjectApi;
  /** namespaces already proven to carry the crashlab label, so writes re-check nothing */
  readonly managedNamespaces = new Set<string>();
  private requestCount = 0;

  constructor(readonly kubeConfig: KubeConfig) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    this.context = kubeConfig.getCurrentContext();
    this.server = cluster.server;
    const counter: Middleware = {
      pre: async (ctx: RequestContext) => {
        this.requestCount += 1;
        ctx.setHeaderParam('User-Agent', USER_AGENT);
        if (!ctx.getSignal()) ctx.setSignal(AbortSignal.timeout(REQUEST_TIMEOUT_MS));
        return ctx;
      },
      post: async (ctx: ResponseContext) => ctx,
    };
    const configuration = createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kubeConfig },
      promiseMiddleware: [counter],
    });
    this.core = new CoreV1Api(configuration);
    this.apps = new AppsV1Api(configuration);
    this.batch = new BatchV1Api(configuration);
    this.discovery = new DiscoveryV1Api(configuration);
    this.authorization = new AuthorizationV1Api(configuration);
    this.version = new VersionApi(configuration);
    this.apis = new ApisApi(configuration);
    this.objects = new KubernetesObjectApi(configuration);
  }

  /** HTTP requests sent to the API server since this Cluster was made. */
  get requests(): number {
    return this.requestCount;
  }

  /**
   * Runs one API call and turns transport and authorisation failures into
   * crashlab errors that say what to do. Other API errors pass through.
   */
  async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw translateApiError(error, this.server, what);
    }
  }
}

/** Connects to the kubeconfig's (or the given) context. Makes no request. */
export function connect(options: KubeconfigOptions = {}): Cluster {
  return new Cluster(loadKubeConfig(options));
}

/** HTTP status of a client-node ApiException, if that is what this is. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

const TRANSPORT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

function transportDetail(error: unknown): string | undefined {
  const e = error as { name?: string; code?: unknown; errno?: unknown; type?: string; message?: string } | null;
  if (!e) return undefined;
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.type === 'aborted') return 'timed out';
  for (const candidate of [e.code, e.errno]) {
    if (typeof candidate === 'string' && TRANSPORT_CODES.has(candidate)) return candidate.toLowerCase().replace(/_/g, ' ');
  }
  if (e.name === 'FetchError' || e.type === 'system') return e.message?.split('\n')[0];
  return undefined;
}

/** Maps a failed API call to ClusterUnreachableError, PermissionError or the original error. */
export function translateApiError(error: unknown, server: string, what: string): unknown {
  const transport = transportDetail(error);
  if (transport) return new ClusterUnreachableError(server, transport);
  const status = statusOf(error);
  if (status === 401) {
    return new PermissionError(`the cluster rejected our credentials while trying to ${what}; refresh the kubeconfig login`);
  }
  if (status === 403) {
    const reason = serverReason(error);
    return new PermissionError(
      `forbidden to ${what}${reason ? `: ${reason}` : ''}; crashlab needs the rights listed under 'Permissions' in its README ('crashlab doctor' checks)`,
    );
  }
  return error;
}

/**
 * The message of the Status object the API server sent with a failure, e.g.
 * `namespaces is forbidden: User "alice" cannot create resource "namespaces"
 * in API group "" at the cluster scope`: the part kubectl prints after
 * "Error from server (Forbidden):". client-node hands the body over as text or
 * as parsed JSON depending on the API.
 */
export function serverReason(error: unknown): string | undefined {
  let body = (error as { body?: unknown } | null)?.body;
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return text.trim().split('\n')[0] || undefined;
    }
  }
  const message = (body as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' && message.trim() ? message.trim().split('\n')[0] : undefined;
}
