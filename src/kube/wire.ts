import type {
  CoreV1Event,
  V1ConfigMap,
  V1Deployment,
  V1EndpointSlice,
  V1Job,
  V1Namespace,
  V1Node,
  V1Pod,
  V1Secret,
  V1Service,
} from '@kubernetes/client-node';

/**
 * The JSON shape of an API object as the server sends it and as
 * `kubectl get -o json` prints it. client-node's classes type timestamps as
 * Date; the wire form (and our captured fixtures) carry strings, so every
 * snapshot is kept in wire form and judged by pure code that never sees a Date.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Pod = Wire<V1Pod>;
export type KubeEvent = Wire<CoreV1Event>;
export type Deployment = Wire<V1Deployment>;
export type Job = Wire<V1Job>;
export type Service = Wire<V1Service>;
export type EndpointSlice = Wire<V1EndpointSlice>;
export type Secret = Wire<V1Secret>;
export type ConfigMap = Wire<V1ConfigMap>;
export type Namespace = Wire<V1Namespace>;
export type KubeNode = Wire<V1Node>;
export type Container = NonNullable<NonNullable<Pod['spec']>['containers']>[number];
export type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

/** Converts a client-node object (Dates and all) to its wire form. */
export function toWire<T>(value: T): Wire<T> {
  return JSON.parse(JSON.stringify(value)) as Wire<T>;
}
