import http from 'node:http';
import { startTestStack, type TestStack } from '@district/testkit';

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, every process sends OpenTelemetry spans (OTLP over HTTP):
 * one trace runs from the gateway to the subgraph to the SQL statements it ran, and the statements
 * carry their placeholders, not their values. Here the collector is a small HTTP server of the test.
 */
interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

const spans: Span[] = [];
let collector: http.Server;
let stack: TestStack;

beforeAll(async () => {
  collector = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        collect(JSON.parse(Buffer.concat(chunks).toString()));
      } catch {
        // not JSON: not ours to read
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const address = collector.address();
  const tracing = {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    OTEL_BSP_SCHEDULE_DELAY: '100',
  };
  stack = await startTestStack(tracing, { shangjie: true, subgraphEnv: tracing });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await new Promise((resolve) => collector?.close(resolve));
});

function collect(body: { resourceSpans?: any[] }) {
  for (const rs of body.resourceSpans ?? []) {
    const service = rs.resource?.attributes?.find((a: any) => a.key === 'service.name')?.value?.stringValue;
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        const attributes = Object.fromEntries((s.attributes ?? []).map((a: any) => [a.key, Object.values(a.value ?? {})[0]]));
        spans.push({ service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, attributes });
      }
    }
  }
}

test('one trace runs from the gateway through the subgraph to its SQL', async () => {
  const res = await stack.query('query TracedRegion { region(code: "410106001001") { name workforce { workers(year: 2025) { value } } } }');
  expect(res.errors).toBeUndefined();

  // spans arrive in batches a moment later (on a loaded machine, many moments: wait up to a minute)
  let trace: Span[] = [];
  for (let i = 0; i < 600; i++) {
    const root =
      spans.find((s) => s.service === 'district-gateway' && s.attributes['graphql.operation.name'] === 'TracedRegion') ??
      spans.find((s) => s.service === 'district-gateway' && /TracedRegion/.test(JSON.stringify(s.attributes)));
    trace = root ? spans.filter((s) => s.traceId === root.traceId) : [];
    // and every span's parent is in (a parent's batch can come after its children's)
    const ids = new Set(trace.map((s) => s.spanId));
    const roots = trace.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
    if (trace.some((s) => s.service === 'district-workforce' && isSql(s)) && roots.length === 1) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const services = new Set(trace.map((s) => s.service));
  expect(services.has('district-gateway')).toBe(true);
  expect(services.has('district-workforce')).toBe(true);
  const sql = trace.filter((s) => isSql(s));
  expect(sql.length).toBeGreaterThan(0);
  // every span of the trace hangs from another one of it, up to the gateway's root
  const ids = new Set(trace.map((s) => s.spanId));
  expect(trace.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId)).map((s) => s.service)).toEqual(['district-gateway']);
  // statements keep their shape, never a value written into them (the ORM inlines some)
  expect(sql.some((s) => /FROM "?region"?/i.test(String(s.attributes['db.query.text'])))).toBe(true);
  for (const s of sql) expect(JSON.stringify(s.attributes)).not.toContain('410106001001');
});

/** A pg statement's span (db.system, or db.system.name in the newer semantic conventions). */
const isSql = (s: Span) => (s.attributes['db.system.name'] ?? s.attributes['db.system']) === 'postgresql';
