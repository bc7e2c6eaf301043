import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigError } from '../errors.js';

export interface KubeconfigOptions {
  /** context to use instead of the kubeconfig's current one */
  context?: string;
  /** environment to read KUBECONFIG and HOME from */
  env?: NodeJS.ProcessEnv;
}

/** The kubeconfig files to read, in kubectl's order of precedence. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length > 0) return fromEnv;
  return [join(env.HOME ?? homedir(), '.kube', 'config')];
}

/**
 * Loads the kubeconfig the way kubectl would and selects the context. Unlike
 * client-node's loadFromDefault it never falls back to localhost:8080 or
 * in-cluster credentials: no kubeconfig is an error the learner can act on.
 */
export function loadKubeConfig(options: KubeconfigOptions = {}): KubeConfig {
  const paths = kubeconfigPaths(options.env).filter((path) => existsSync(path));
  if (paths.length === 0) {
    throw new KubeconfigError(
      `no kubeconfig found (looked at ${kubeconfigPaths(options.env).join(', ')}); create a local cluster with 'crashlab cluster create' or set KUBECONFIG`,
    );
  }
  const kc = new KubeConfig();
  for (const path of paths) {
    const part = new KubeConfig();
    try {
      part.loadFromFile(path);
    } catch (error) {
      throw new KubeconfigError(`cannot read kubeconfig ${path}: ${(error as Error).message.split('\n')[0]}`);
    }
    if (kc.getContexts().length === 0) kc.loadFromString(part.exportConfig());
    else kc.mergeConfig(part, true);
  }
  const context = options.context ?? kc.getCurrentContext();
  if (!context) throw new KubeconfigError('the kubeconfig has no current context; pass --context <name>');
  if (!kc.getContextObject(context)) {
    const known = kc.getContexts().map((c) => c.name);
    throw new KubeconfigError(`no context '${context}' in the kubeconfig; known contexts: ${known.join(', ') || 'none'}`);
  }
  kc.setCurrentContext(context);
  if (!kc.getCurrentCluster()) throw new KubeconfigError(`context '${context}' names no cluster; fix the kubeconfig`);
  return kc;
}

/** True for contexts crashlab treats as disposable local clusters. */
export function isLocalContext(context: string): boolean {
  return context.startsWith('kind-') || context === 'crashlab-local';
}
