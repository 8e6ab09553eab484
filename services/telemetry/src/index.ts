/** What an operator sees of every process: metrics for Prometheus, traces for OpenTelemetry, request ids across processes. */
export * from './metrics';
export * from './tracing';
export * from './request-id';
