import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigError } from '../errors.js';

export interface KubeconfigOptions {
  /** context to use instead of the kubeconfig's current one */
  context?: string;
  /** one kubeconfig file to read instead of KUBECONFIG or ~/.kube/config, as kubectl's --kubeconfig */
  kubeconfig?: string;
  /** environment to read KUBECONFIG and HOME from */
  env?: NodeJS.ProcessEnv;
}

/** The kubeconfig files to read, in kubectl's order of precedence. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env, explicit?: string): string[] {
  if (explicit) return [explicit];
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length > 0) return fromEnv;
  return [join(env.HOME ?? homedir(), '.kube', 'config')];
}

/** One kubeconfig file as client-node reads it: relative certificate paths made absolute. */
function readPart(path: string): KubeConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KubeconfigError(`cannot read kubeconfig ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  // kubectl skips empty files in a KUBECONFIG list
  if (text.trim() === '') return undefined;
  const part = new KubeConfig();
  try {
    part.loadFromFile(path);
  } catch (error) {
    throw new KubeconfigError(`cannot read kubeconfig ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  return part;
}

/**
 * Merges kubeconfig files the way kubectl does: the first file to name a
 * cluster, user or context wins, later entries of the same name are ignored,
 * and the first current-context set is the one used. Plain http:// servers
 * are reachable, as they are for kubectl.
 */
export function mergeKubeConfigs(parts: KubeConfig[]): KubeConfig {
  const firstByName = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Map<string, T>();
    for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
    return [...seen.values()];
  };
  const merged = new KubeConfig();
  merged.loadFromOptions({
    // client-node refuses plain http unless TLS checks are off; there is no TLS to check there,
    // and kubectl talks to such servers (kubectl proxy) as they are
    clusters: firstByName(parts.map((p) => p.getClusters())).map((c) => (c.server.startsWith('http://') ? { ...c, skipTLSVerify: true } : c)),
    users: firstByName(parts.map((p) => p.getUsers())),
    contexts: firstByName(parts.map((p) => p.getContexts())),
    currentContext: parts.map((p) => p.getCurrentContext()).find(Boolean) ?? '',
  });
  return merged;
}

/**
 * Loads the kubeconfig the way kubectl would and selects the context. Unlike
 * client-node's loadFromDefault it never falls back to localhost:8080 or
 * in-cluster credentials: no kubeconfig is an error the learner can act on.
 */
export function loadKubeConfig(options: KubeconfigOptions = {}): KubeConfig {
  if (options.kubeconfig && !existsSync(options.kubeconfig)) {
    throw new KubeconfigError(`kubeconfig ${options.kubeconfig} (from --kubeconfig) does not exist`);
  }
  const listed = kubeconfigPaths(options.env, options.kubeconfig);
  const paths = listed.filter((path) => existsSync(path));
  if (paths.length === 0) {
    throw new KubeconfigError(
      `no kubeconfig found (looked at ${listed.join(', ')}); create a local cluster with 'crashlab cluster create' or set KUBECONFIG`,
    );
  }
  const parts = paths.map(readPart).filter((p): p is KubeConfig => p !== undefined);
  const kc = mergeKubeConfigs(parts);
  const context = options.context || kc.getCurrentContext();
  if (!context) throw new KubeconfigError(`the kubeconfig (${paths.join(', ')}) has no current context; pass --context <name>`);
  if (!kc.getContextObject(context)) {
    const known = kc.getContexts().map((c) => c.name);
    throw new KubeconfigError(`no context '${context}' in the kubeconfig; known contexts: ${known.join(', ') || 'none'}`);
  }
  kc.setCurrentContext(context);
  if (!kc.getCurrentCluster()) throw new KubeconfigError(`context '${context}' names no cluster that the kubeconfig defines; fix the kubeconfig`);
  return kc;
}

/** True for contexts crashlab treats as disposable local clusters. */
export function isLocalContext(context: string): boolean {
  return context.startsWith('kind-') || context === 'crashlab-local';
}
