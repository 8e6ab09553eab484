import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { readTracingEnv } from './env';

export interface Tracing {
  enabled: boolean;
  /** sends what is buffered and stops */
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/**
 * OpenTelemetry tracing, gateway → subgraph → SQL: incoming and outgoing HTTP and fetch (the W3C traceparent
 * header carries the trace from the gateway to a subgraph), express, and every pg statement. Apollo
 * gateway adds its own spans (plan, fetch per subgraph) through the same API. SQL spans carry the
 * statement text with its $1 placeholders, never the parameter values (which may be personal).
 * Spans go to the OTLP/HTTP endpoint in OTEL_EXPORTER_OTLP_ENDPOINT; without it nothing is patched.
 * Must run before express, http and pg are loaded: entry files import `@district/telemetry/register` first.
 */
export function startTracing(defaultService: string, source?: NodeJS.ProcessEnv): Tracing {
  if (started) return started;
  const config = readTracingEnv(source);
  if (config.OTEL_SDK_DISABLED || !(config.OTEL_EXPORTER_OTLP_ENDPOINT || config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)) {
    started = { enabled: false, shutdown: async () => undefined };
    return started;
  }
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.ERROR);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME ?? defaultService, 'service.namespace': 'district' }),
    // the exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS itself
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(metrics|livez|readyz|health)\b/.test(req.url ?? '') }),
      // the gateway calls subgraphs with Node's fetch (undici), which the http instrumentation does not see
      new UndiciInstrumentation(),
      new ExpressInstrumentation(),
      new PgInstrumentation({
        enhancedDatabaseReporting: false,
        requestHook: (span, { query }) => {
          // MikroORM sends many statements with their values written in (a worker looked up by
          // ID number, a name in a filter): a span keeps the statement's shape, never a literal
          if (query.text) span.setAttribute('db.query.text', withoutLiterals(query.text));
        },
      }),
    ],
  });
  started = { enabled: true, shutdown: () => provider.shutdown() };
  return started;
}

/** A statement with every string literal replaced by '?': what a trace may show of it. */
export function withoutLiterals(text: string): string {
  return (
    text
      // E'…' strings escape with backslashes; standard ones only double their quotes
      .replace(/(?<![A-Za-z0-9_])(?:[Ee]'(?:[^'\\]|''|\\.)*'|'(?:[^']|'')*')/g, "'?'")
      .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, "'?'")
  );
}

/** The tracing this process started, if any (for a clean shutdown). */
export function tracing(): Tracing | undefined {
  return started;
}
