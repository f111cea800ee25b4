#!/usr/bin/env node
// Renders gateway services exactly as `openclaw gateway install` 2026.9.6 writes them, with OpenClaw's own code.
//
// `gateway install` itself cannot run in a test home (it checks the state dir against the passwd home and talks to
// systemd over D-Bus), so this calls the functions it calls, from the installed package's dist/:
//   applyCliProfileEnv (profile-*.mjs)            what `--profile P` puts in the environment (not called for default)
//   buildGatewayInstallPlan (daemon-install-helpers-*.mjs)  program arguments, working dir and service environment
//   linux:  buildSystemdUnit + resolveGatewayServiceDescription + resolveSystemdUnitPath (+ gateway.systemd.env for
//           file-sourced values), as writeSystemdUnit does on a fresh install
//   darwin: writeLaunchAgentPlist (plist, <stateDir>/service-env/<label>.env and its -env-wrapper.sh)
//   win32:  stageScheduledTask (<stateDir>/gateway.cmd and its hidden gateway.vbs launcher)
// The launchd and Windows writers are OpenClaw's own file writers; only the systemd one is reassembled, because
// OpenClaw's needs systemctl.
//
// Needs Node >= 26 and openclaw@2026.9.6 (scripts/install-openclaw.sh). Request as JSON on stdin:
//   { "home": "/home/op", "runtimePath": "/usr/bin/node", "entryPath": "/usr/lib/node_modules/openclaw/dist/index.js",
//     "services": [{ "profile": "rescue", "platform": "linux", "port": 19789, "config": {...}, "env": {...},
//                    "profileFlag": false (optional: the profile comes from exported variables, not --profile),
//                    "kind": "node", "host": "127.0.0.1" (optional, linux: `openclaw node install`, a node host) }] }
// Two ways to run it:
//   render-openclaw-services.mjs < request.json
//     renders into `home`, an existing empty dir, as the install would (quoting follows the real path), and answers
//     { "files": [{ "path": "<relative to home>", "content", "encoding"?: "utf16le-bom" }], "services": [...], "warnings" }
//   render-openclaw-services.mjs --out fixtures/homes/<name> < request.json
//     for fixtures written for a home that is not this machine's (/home/op): renders into a scratch home, replaces
//     its path and the OpenClaw entry point by `home` and `entryPath`, and writes the files under the --out dir.
//     Only plain paths are allowed there, so the replacement cannot change how a manager quotes a value.
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
const outAt = process.argv.indexOf('--out');
const outDir = outAt === -1 ? null : process.argv[outAt + 1];
const PLAIN_PATH = /^[A-Za-z0-9._/-]+$/;
if (typeof request.home !== 'string' || !path.isAbsolute(request.home)) fail('the request needs an absolute "home"');
if (outDir && ![request.home, request.entryPath ?? '/'].every((value) => PLAIN_PATH.test(value)))
  fail('with --out, "home" and "entryPath" must be plain paths (letters, digits, . _ - /): they replace the scratch paths after rendering');
if (!outDir && (request.entryPath || !fs.existsSync(request.home) || fs.readdirSync(request.home).length > 0))
  fail('without --out, "home" must be an existing empty dir (and "entryPath" is not used): the services are rendered into it');
// Where the install runs: the home itself, or (--out) a scratch home whose path is swapped for `home` afterwards.
const renderHome = outDir ? fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-render-')) : request.home;
// The service's program is `node <package>/dist/index.js gateway --port N`: OpenClaw finds its entry from argv[1].
process.argv.splice(1, Infinity, path.join(PACKAGE, 'openclaw.mjs'));
const realEntry = path.join(DIST, 'index.js');

const applyCliProfileEnv = await openclawFunction('profile', 'applyCliProfileEnv');
const buildGatewayInstallPlan = await openclawFunction('daemon-install-helpers', 'buildGatewayInstallPlan');
const buildSystemdUnit = await openclawFunction('systemd-unit', 'buildSystemdUnit');
const resolveGatewayServiceDescription = await openclawFunction('constants', 'resolveGatewayServiceDescription');
const resolveSystemdUnitPath = await openclawFunction('systemd-service-files', 'resolveSystemdUnitPath');
const resolveSystemdEnvironmentFilePath = await openclawFunction('systemd-service-files', 'resolveSystemdEnvironmentFilePath');
const serializeSystemdEnvironmentFile = await openclawFunction('systemd-service-files', 'serializeSystemdEnvironmentFile');
const resolveStateDir = await openclawFunction('paths', 'resolveStateDir');
const writeLaunchAgentPlist = await openclawFunction('launchd-service-files', 'writeLaunchAgentPlist');
const stageScheduledTask = await openclawFunction('schtasks', 'stageScheduledTask');
const resolveNodeProgramArguments = await openclawFunction('program-args', 'resolveNodeProgramArguments');
const buildNodeServiceEnvironment = await openclawFunction('service-env', 'buildNodeServiceEnvironment');

/** `openclaw node install --host H --port N` as buildNodeInstallPlan (daemon-*.mjs, not exported) builds it: a node host, not a gateway. */
async function nodeInstallPlan(service, env, runtimePath) {
  const { programArguments, workingDirectory } = await resolveNodeProgramArguments({
    host: service.host,
    port: service.port,
    tls: false,
    runtime: 'node',
    runtimePath,
  });
  const environment = buildNodeServiceEnvironment({ env, runtime: 'node', extraPathDirs: [path.dirname(runtimePath)] });
  return { programArguments, workingDirectory, environment, description: 'OpenClaw Node Host' };
}

const warnings = [];
const warn = (message) => warnings.push(String(message));
const rendered = [];

for (const service of request.services) {
  // The shell `openclaw [--profile P] gateway install` runs in.
  const env = { HOME: renderHome, PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' };
  for (const [key, value] of Object.entries(service.env ?? {})) env[key] = value.replaceAll(request.home, renderHome);
  // `profileFlag: false`: the profile comes from exported variables only (no `--profile`), as in a hand-run install.
  if (service.profile !== 'default' && service.profileFlag !== false) applyCliProfileEnv({ profile: service.profile, env, homedir: () => renderHome });
  const platform = service.platform;
  const runtimePath = request.runtimePath ?? process.execPath;
  if (service.kind === 'node' && platform !== 'linux') fail('node hosts are rendered for linux only');
  const plan =
    service.kind === 'node'
      ? await nodeInstallPlan(service, env, runtimePath)
      : await buildGatewayInstallPlan({
          env,
          port: service.port,
          runtime: 'node',
          runtimePath,
          platform,
          config: service.config ?? { gateway: { mode: 'local', port: service.port } },
          warn,
        });
  const fileKeys = Object.entries(plan.environmentValueSources ?? {}).flatMap(([key, source]) =>
    source === 'file' && plan.environment[key]?.trim() ? [key] : [],
  );
  if (fileKeys.length > 0 && platform !== 'linux') fail(`profile ${service.profile}: file-sourced service variables are modelled for systemd only`);
  if (platform === 'linux') {
    // The unit is named by the service's own OPENCLAW_SYSTEMD_UNIT (a node host's is openclaw-node).
    const unitPath = resolveSystemdUnitPath({ ...env, OPENCLAW_SYSTEMD_UNIT: plan.environment.OPENCLAW_SYSTEMD_UNIT });
    fs.mkdirSync(path.dirname(unitPath), { recursive: true });
    // As writeSystemdUnit does on a fresh install: file-sourced values (an API key exported at install) go to
    // <stateDir>/gateway.systemd.env, named by EnvironmentFile=, and leave the unit.
    const environmentFiles = [];
    const environment = { ...plan.environment };
    if (fileKeys.length > 0) {
      const envFile = resolveSystemdEnvironmentFilePath({ stateDir: resolveStateDir({ ...env, ...plan.environment }), environment: plan.environment });
      fs.mkdirSync(path.dirname(envFile), { recursive: true });
      fs.writeFileSync(envFile, `${serializeSystemdEnvironmentFile(Object.fromEntries(fileKeys.map((key) => [key, plan.environment[key]])))}\n`, {
        mode: 0o600,
      });
      for (const key of fileKeys) delete environment[key];
      environmentFiles.push(envFile);
    }
    const unit = buildSystemdUnit({
      description: plan.description ?? resolveGatewayServiceDescription({ env }),
      programArguments: plan.programArguments,
      workingDirectory: plan.workingDirectory,
      environment,
      environmentFiles,
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

const rewrite = (text) => (outDir ? text.replaceAll(realEntry, request.entryPath ?? realEntry).replaceAll(renderHome, request.home) : text);

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
    else if (entry.isFile()) files.push({ path: path.relative(renderHome, full), ...readRendered(full) });
  }
})(renderHome);

if (outDir) {
  fs.rmSync(renderHome, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(outDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const utf16 = file.encoding === 'utf16le-bom';
    fs.writeFileSync(target, utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file.content, 'utf16le')]) : file.content);
    process.stderr.write(`wrote ${target}\n`);
  }
} else {
  process.stdout.write(`${JSON.stringify({ files, services: JSON.parse(rewrite(JSON.stringify(rendered))), warnings }, null, 2)}\n`);
}
