/**
 * Tracing is configured with OpenTelemetry's own variables, so an operator's usual settings work:
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) switches it on; unset, no span
 * is made and nothing is patched. Read here without @district/common on purpose: tracing starts
 * before anything loads pg, and common does.
 */
export interface TracingEnv {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SERVICE_NAME?: string;
  OTEL_SDK_DISABLED: boolean;
}

export function readTracingEnv(source: NodeJS.ProcessEnv = process.env): TracingEnv {
  const value = (name: string) => (source[name]?.trim() ? source[name]!.trim() : undefined);
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: value('OTEL_EXPORTER_OTLP_ENDPOINT'),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
    OTEL_SERVICE_NAME: value('OTEL_SERVICE_NAME'),
    OTEL_SDK_DISABLED: /^(1|true|yes|on)$/i.test(value('OTEL_SDK_DISABLED') ?? ''),
  };
}
