// The registry of built-in checks. test/checks/registry.test.ts asserts that every file under checks/ is listed here.
import type { Check } from '../src/checks/api.js';
import portsDuplicateGateway from './ports/duplicate-gateway.js';
import portsDerivedCollision from './ports/derived-collision.js';
import portsBandOverlap from './ports/band-overlap.js';
import portsSpacing from './ports/spacing.js';
import portsHashDefault from './ports/hash-default.js';
import portsForeignListener from './ports/foreign-listener.js';
import portsWebhookCollision from './ports/webhook-collision.js';
import gatewayNotRunning from './gateway/not-running.js';
import gatewayUnhealthy from './gateway/unhealthy.js';
import gatewayPortDrift from './gateway/port-drift.js';
import gatewayStaleLock from './gateway/stale-lock.js';
import hostSnapshot from './host/snapshot.js';

export const builtinChecks: readonly Check[] = [
  portsDuplicateGateway,
  portsDerivedCollision,
  portsBandOverlap,
  portsSpacing,
  portsHashDefault,
  portsForeignListener,
  portsWebhookCollision,
  gatewayNotRunning,
  gatewayUnhealthy,
  gatewayPortDrift,
  gatewayStaleLock,
  hostSnapshot,
];
