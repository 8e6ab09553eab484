import { env, readEnv } from '@district/common';

/**
 * Tracing is configured with OpenTelemetry's own variables, so an operator's usual settings work:
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) switches it on; unset, no span
 * is made and nothing is patched.
 */
export function readTracingEnv(source?: NodeJS.ProcessEnv) {
  return readEnv(
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: env.optional(),
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: env.optional(),
      OTEL_SERVICE_NAME: env.optional(),
      OTEL_SDK_DISABLED: env.bool(false),
    },
    source,
  );
}
