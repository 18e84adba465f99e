export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const HTTP_METRICS = Symbol('HTTP_METRICS');
