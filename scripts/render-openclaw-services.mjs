#!/usr/bin/env node
// Renders gateway services exactly as `openclaw gateway install` 2026.9.6 writes them, with OpenClaw's own code.
//
// `gateway install` itself cannot run in a test home (it checks the state dir against the passwd home and talks to
// systemd over D-Bus), so this calls the functions it calls, from the installed package's dist/:
//   applyCliProfileEnv (profile-*.mjs)            what `--profile P` puts in the environment (not called for default)
//   buildGatewayInstallPlan (daemon-install-helpers-*.mjs)  program arguments, working dir and service environment
//   linux:  buildSystemdUnit + resolveGatewayServiceDescription + resolveSystemdUnitPath, as writeSystemdUnit does
//   darwin: writeLaunchAgentPlist (plist, <stateDir>/service-env/<label>.env and its -env-wrapper.sh)
//   win32:  stageScheduledTask (<stateDir>/gateway.cmd and its hidden gateway.vbs launcher)
// The launchd and Windows writers are OpenClaw's own file writers; only the systemd one is reassembled, because
// OpenClaw's needs systemctl. Everything is written into a scratch home, then read back with the scratch home, the
// node binary and the OpenClaw entry point replaced by the ones asked for (so fixtures can say /home/op).
//
// Needs Node >= 26 and openclaw@2026.9.6 (scripts/install-openclaw.sh). Request as JSON on stdin:
//   { "home": "/home/op", "runtimePath": "/usr/bin/node", "entryPath": "/usr/lib/node_modules/openclaw/dist/index.js",
//     "services": [{ "profile": "rescue", "platform": "linux", "port": 19789, "config": {...}, "env": {...} }] }
// Answer on stdout: { "files": [{ "path": "<relative to home>", "content": "...", "encoding"?: "utf16le-bom" }],
//   "services": [{ profile, platform, port, programArguments, workingDirectory, environment }], "warnings": [...] }
// Fixtures were regenerated with: node scripts/render-openclaw-services.mjs < request.json (see the lead's report).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PACKAGE = process.env.CLAWDOC_OPENCLAW_PACKAGE ?? path.join(os.homedir(), '.cache', 'clawdoc-openclaw', 'node_modules', 'openclaw');
const DIST = path.join(PACKAGE, 'dist');
const VERSION = '2026.9.6';

function fail(message) {
  process.stderr.write(`render-openclaw-services: ${message}\n`);
  process.exit(1);
}

const installed = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')).version;
if (installed !== VERSION) fail(`needs openclaw@${VERSION}, found ${installed} in ${PACKAGE}`);

const distFiles = fs.readdirSync(DIST);

/** The function `name` from the hashed dist module `<prefix>-<hash>.mjs` that exports it (exports are minified to letters). */
async function openclawFunction(prefix, name) {
  const pattern = new RegExp(`^${prefix}-[A-Za-z0-9_-]+\\.mjs$`);
  for (const file of distFiles.filter((entry) => pattern.test(entry))) {
    const text = fs.readFileSync(path.join(DIST, file), 'utf8');
    const exported = new RegExp(`^export \\{[^}]*\\b${name} as ([A-Za-z_$][\\w$]*)`, 'm').exec(text);
    if (!exported) continue;
    const module = await import(pathToFileURL(path.join(DIST, file)).href);
    return module[exported[1]];
  }
  return fail(`no dist/${prefix}-*.mjs exports ${name} (is this openclaw@${VERSION}?)`);
}

// Anything OpenClaw prints goes to stderr: stdout carries the answer only.
console.log = console.error;
const quiet = { write: () => true };

const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-render-'));
// The service's program is `node <package>/dist/index.js gateway --port N`: OpenClaw finds its entry from argv[1].
process.argv[1] = path.join(PACKAGE, 'openclaw.mjs');
const realEntry = path.join(DIST, 'index.js');

const applyCliProfileEnv = await openclawFunction('profile', 'applyCliProfileEnv');
const buildGatewayInstallPlan = await openclawFunction('daemon-install-helpers', 'buildGatewayInstallPlan');
const buildSystemdUnit = await openclawFunction('systemd-unit', 'buildSystemdUnit');
const resolveGatewayServiceDescription = await openclawFunction('constants', 'resolveGatewayServiceDescription');
const resolveSystemdUnitPath = await openclawFunction('systemd-service-files', 'resolveSystemdUnitPath');
const writeLaunchAgentPlist = await openclawFunction('launchd-service-files', 'writeLaunchAgentPlist');
const stageScheduledTask = await openclawFunction('schtasks', 'stageScheduledTask');

const warnings = [];
const warn = (message) => warnings.push(String(message));
const rendered = [];

for (const service of request.services) {
  // The shell `openclaw [--profile P] gateway install` runs in; HOME is the scratch home, rewritten below.
  const env = { HOME: scratch, PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', ...service.env };
  if (service.profile !== 'default') applyCliProfileEnv({ profile: service.profile, env, homedir: () => scratch });
  const platform = service.platform;
  const plan = await buildGatewayInstallPlan({
    env,
    port: service.port,
    runtime: 'node',
    runtimePath: request.runtimePath ?? process.execPath,
    platform,
    config: service.config ?? { gateway: { mode: 'local', port: service.port } },
    warn,
  });
  if (Object.values(plan.environmentValueSources ?? {}).some((source) => source !== 'inline'))
    fail(`profile ${service.profile}: a file-sourced service variable (gateway.systemd.env) is not modelled here`);
  if (platform === 'linux') {
    const unitPath = resolveSystemdUnitPath(env);
    fs.mkdirSync(path.dirname(unitPath), { recursive: true });
    const unit = buildSystemdUnit({
      description: resolveGatewayServiceDescription({ env }),
      programArguments: plan.programArguments,
      workingDirectory: plan.workingDirectory,
      environment: plan.environment,
      environmentFiles: [],
    });
    fs.writeFileSync(unitPath, unit);
  } else if (platform === 'darwin') {
    await writeLaunchAgentPlist({ env, ...plan, stdout: quiet, warn });
  } else if (platform === 'win32') {
    await stageScheduledTask({ env, ...plan, stdout: quiet });
  } else {
    fail(`unknown platform ${platform}`);
  }
  rendered.push({ profile: service.profile, platform, port: service.port, ...plan });
}

const home = request.home ?? scratch;
const rewrite = (text) => text.replaceAll(realEntry, request.entryPath ?? realEntry).replaceAll(scratch, home);

/** A rendered file as text; the hidden .vbs launcher is UTF-16 LE with a BOM (wscript reads nothing else), kept so. */
function readRendered(file) {
  const bytes = fs.readFileSync(file);
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  const content = rewrite(utf16 ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8'));
  return utf16 ? { content, encoding: 'utf16le-bom' } : { content };
}

const files = [];
(function collect(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(full);
    else if (entry.isFile()) files.push({ path: path.relative(scratch, full), ...readRendered(full) });
  }
})(scratch);
fs.rmSync(scratch, { recursive: true, force: true });

process.stdout.write(`${JSON.stringify({ files, services: JSON.parse(rewrite(JSON.stringify(rendered))), warnings }, null, 2)}\n`);
