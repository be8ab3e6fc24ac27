// Sends one two-service trace to an OTLP/HTTP endpoint with the OpenTelemetry JavaScript SDK,
// whose exporter speaks OTLP/JSON, and prints what it sent as one JSON line:
//   node send-trace.mjs <url of /v1/traces> <run id>
// Exits non-zero when the export fails. Spans are handed to the exporter directly (not through
// a batch processor) so that its result decides the exit status.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

const [url, run] = process.argv.slice(2);
if (!url || !run) {
  console.error('usage: node send-trace.mjs <url> <run id>');
  process.exit(2);
}

const finished = [];
const collector = {
  onStart() {},
  onEnd(span) { finished.push(span); },
  forceFlush() { return Promise.resolve(); },
  shutdown() { return Promise.resolve(); },
};

function tracer(service) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment.name': 'js-test' }),
    spanProcessors: [collector],
  });
  return provider.getTracer('panopticon-js-test', '1.0.0');
}

const start = Date.now() - 1000;
const web = tracer(`web-${run}`);
const api = tracer(`api-${run}`);

const root = web.startSpan('GET /cart', {
  kind: SpanKind.SERVER, startTime: start,
  attributes: { 'http.request.method': 'GET', 'http.route': '/cart', 'http.response.status_code': 200, 'url.path': '/cart' },
}, ROOT_CONTEXT);
const call = web.startSpan('GET', {
  kind: SpanKind.CLIENT, startTime: start + 10,
  attributes: { 'http.request.method': 'GET', 'server.address': `api-${run}`, 'http.response.status_code': 500 },
}, trace.setSpan(ROOT_CONTEXT, root));
const handler = api.startSpan('GET /items/{id}', {
  kind: SpanKind.SERVER, startTime: start + 12,
  attributes: { 'http.request.method': 'GET', 'http.route': '/items/{id}', 'http.response.status_code': 500 },
}, trace.setSpan(ROOT_CONTEXT, call));
handler.recordException(new Error('item store unreachable'), start + 20);
handler.setStatus({ code: SpanStatusCode.ERROR, message: 'item store unreachable' });
handler.end(start + 30);
call.setStatus({ code: SpanStatusCode.ERROR });
call.end(start + 35);
root.end(start + 50);

const exporter = new OTLPTraceExporter({ url, compression: 'gzip' });
exporter.export(finished, async (result) => {
  await exporter.shutdown();
  if (result.code !== 0) {
    console.error(`export failed: ${result.error}`);
    process.exit(1);
  }
  console.log(JSON.stringify({
    traceId: root.spanContext().traceId,
    spans: finished.map((s) => ({ spanId: s.spanContext().spanId, name: s.name })),
  }));
});
