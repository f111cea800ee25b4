// The registry of built-in checks. test/checks/registry.test.ts asserts that every file under checks/ is listed here.
import type { Check } from '../src/doctor/api.js';
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
import gatewayWedged from './gateway/wedged.js';
import gatewayRemoteOverride from './gateway/remote-override.js';
import pathsSharedStateDir from './paths/shared-state-dir.js';
import pathsSharedConfig from './paths/shared-config.js';
import pathsSharedWorkspace from './paths/shared-workspace.js';
import pathsSharedOther from './paths/shared-other.js';
import browserSharedCdpUrl from './browser/shared-cdp-url.js';
import browserCdpForeign from './browser/cdp-foreign.js';
import envProfileSplit from './env/profile-split.js';
import envInheritedSelectors from './env/inherited-selectors.js';
import channelsSharedCredential from './channels/shared-credential.js';
import configInvalid from './config/invalid.js';
import configStartGate from './config/start-gate.js';
import profilesDiscovery from './profiles/discovery.js';
import hostSnapshot from './host/snapshot.js';
import servicesProfileMismatch from './services/profile-mismatch.js';
import servicesDuplicateSupervisor from './services/duplicate-supervisor.js';
import servicesStaleInstall from './services/stale-install.js';
import gatewayUnmanagedProcess from './gateway/unmanaged-process.js';
import pathsStrayProfileDir from './paths/stray-profile-dir.js';
import pathsLeakedIntoDefault from './paths/leaked-into-default.js';

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
  gatewayWedged,
  gatewayRemoteOverride,
  pathsSharedStateDir,
  pathsSharedConfig,
  pathsSharedWorkspace,
  pathsSharedOther,
  browserSharedCdpUrl,
  browserCdpForeign,
  envProfileSplit,
  envInheritedSelectors,
  channelsSharedCredential,
  configInvalid,
  configStartGate,
  profilesDiscovery,
  hostSnapshot,
  servicesProfileMismatch,
  servicesDuplicateSupervisor,
  servicesStaleInstall,
  gatewayUnmanagedProcess,
  pathsStrayProfileDir,
  pathsLeakedIntoDefault,
];
