import type {
  ConfigMap,
  Deployment,
  EndpointSlice,
  Job,
  KubeEvent,
  Pod,
  Service,
} from './kube/wire.js';

/** A Secret as graders see it: names of keys and a digest of each value, never the value. */
export interface SecretSummary {
  name: string;
  type?: string;
  /** key -> sha256 hex of the decoded value */
  keys: Record<string, string>;
}

/**
 * Everything crashlab knows about one namespace at one moment, read once by the
 * cluster layer. Graders, hints and the explain engine are pure functions of it.
 */
export interface Snapshot {
  namespace: string;
  /** ISO time the snapshot was taken */
  takenAt: string;
  pods: Pod[];
  deployments: Deployment[];
  jobs: Job[];
  services: Service[];
  endpointSlices: EndpointSlice[];
  secrets: SecretSummary[];
  configMaps: ConfigMap[];
  events: KubeEvent[];
  /** `${pod}/${container}` -> tail of the previous (crashed) instance's log */
  previousLogs: Record<string, string>;
  /** `${pod}/${container}` -> tail of the current instance's log */
  currentLogs: Record<string, string>;
}

export function emptySnapshot(namespace: string, takenAt = new Date().toISOString()): Snapshot {
  return {
    namespace,
    takenAt,
    pods: [],
    deployments: [],
    jobs: [],
    services: [],
    endpointSlices: [],
    secrets: [],
    configMaps: [],
    events: [],
    previousLogs: {},
    currentLogs: {},
  };
}
