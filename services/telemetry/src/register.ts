/**
 * Imported first by every entry file (`import '@district/telemetry/register'`), before express, http
 * or pg load, so their instrumentation can attach. Does nothing unless an OTLP endpoint is configured.
 */
import { basename, dirname } from 'node:path';
import { startTracing } from './tracing';

// the package folder of the entry file (gateway, workforce …) names the service unless OTEL_SERVICE_NAME does
const entry = require.main?.filename;
startTracing(entry ? `district-${basename(dirname(dirname(entry)))}` : 'district');
