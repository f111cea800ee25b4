// The command line: commander wiring over the pipeline. Nothing else parses argv.
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { HostModel, Invocation, LayoutVersion, Profile } from './model.js';
import type { LiveModel } from './attribute/live.js';
import { checkHost, profilesInScope as scopeOf, resolveHost } from './pipeline.js';
import { LAYOUT_VERSIONS } from './ports/layout.js';
import { isDefaultProfileName, profileNameProblem, DEFAULT_PROFILE } from './profiles/names.js';
import { makeChalk } from './report/style.js';
import { envelope, failureEnvelope, type JsonCommand, type RunStamp } from './report/envelope.js';
import { nothingFound, profilesJson, profilesText } from './report/profiles.js';
import { portsJson, portsText } from './report/ports.js';
import { browserStatusJson, browserStatusText, statusJson, statusText } from './report/status.js';
import { doctorJson, doctorText } from './report/doctor.js';
import { builtinChecks } from '../checks/index.js';
import { assertUniqueIds, loadPlugins, PluginError } from './doctor/plugins.js';
import { SEVERITIES, type Check, type Severity } from './doctor/api.js';
import { EXIT_OK, EXIT_USAGE, type Runtime } from './runtime.js';
import { VERSION } from './version.js';
import { wrap } from './report/wrap.js';

interface GlobalOptions {
  profile?: string;
  dev?: boolean;
  home?: string;
  json?: boolean;
  color: boolean;
  layout?: LayoutVersion;
  allProfiles?: boolean;
  timeout: number;
  deadline?: number;
}

interface DoctorFlags {
  only: string[];
  skip: string[];
  failOn: Severity;
  verbose?: boolean;
  plugin: string[];
}

const DEFAULT_PROBE_TIMEOUT_MS = 1500;
const MIN_DEADLINE_MS = 5000;

/** A user error: printed as one clear line (or a JSON envelope), exit 2, never a stack trace. */
export class UsageError extends Error {}

interface Context {
  runtime: Runtime;
  options: GlobalOptions;
  model: HostModel;
  chalk: ReturnType<typeof makeChalk>;
}

export function homeFor(runtime: Runtime, homeFlag: string | undefined): string {
  if (homeFlag) return path.resolve(homeFlag);
  const env = runtime.env;
  return env.OPENCLAW_HOME || env.HOME || env.USERPROFILE || runtime.homedir;
}

function selectedProfile(options: GlobalOptions): string | null {
  if (options.dev) return 'dev';
  if (!options.profile) return null;
  const problem = profileNameProblem(options.profile);
  if (problem) throw new UsageError(problem);
  return isDefaultProfileName(options.profile) ? DEFAULT_PROFILE : options.profile;
}

function invocationFor(runtime: Runtime, options: GlobalOptions): Invocation {
  return {
    home: homeFor(runtime, options.home),
    env: runtime.env,
    selectedProfile: selectedProfile(options),
    uid: runtime.uid,
    tmpDir: runtime.tmpDir,
    platform: runtime.platform,
  };
}

function contextFor(runtime: Runtime, command: Command): Context {
  const options = command.optsWithGlobals<GlobalOptions>();
  const invocation = invocationFor(runtime, options);
  const model = resolveHost(invocation, { layout: options.layout ?? null });
  const chalk = makeChalk({ noColor: !options.color, json: Boolean(options.json), isTTY: runtime.stdoutIsTTY, env: runtime.env });
  return { runtime, options, model, chalk };
}

function profilesInScope(context: Context): Profile[] {
  return scopeOf(context.model, Boolean(context.options.allProfiles));
}

function stampOf(runtime: Runtime, command: JsonCommand | null): RunStamp {
  return { command, hostname: runtime.hostname, platform: runtime.platform, generatedAt: runtime.now().toISOString() };
}

/** The command's own fields inside the common envelope, as one JSON document on stdout. */
function writeJson(runtime: Runtime, command: JsonCommand, ok: boolean, fields: object): void {
  runtime.out(JSON.stringify(envelope(stampOf(runtime, command), ok, fields), null, 2));
}

function runProfiles(context: Context): number {
  const { runtime, options, model, chalk } = context;
  if (options.json) writeJson(runtime, 'profiles', true, profilesJson(model));
  else runtime.out(profilesText(model, chalk));
  return EXIT_OK;
}

/** The run's deadline: --deadline, else four probe timeouts, at least 5 s. */
function deadlineOf(options: GlobalOptions): number {
  return options.deadline ?? Math.max(MIN_DEADLINE_MS, options.timeout * 4);
}

async function observe(context: Context) {
  return context.runtime.observe(context.model, { timeoutMs: context.options.timeout, deadlineMs: deadlineOf(context.options) });
}

interface LiveView {
  command: JsonCommand;
  json(model: HostModel, live: LiveModel, profiles: readonly Profile[]): object;
  text(model: HostModel, live: LiveModel, profiles: readonly Profile[], chalk: Context['chalk']): string;
}

const STATUS_VIEW: LiveView = { command: 'status', json: statusJson, text: statusText };
const BROWSER_VIEW: LiveView = { command: 'browser status', json: browserStatusJson, text: browserStatusText };

/** `status` and `browser status`: observe once, then render the profiles in scope. */
async function runLiveView(context: Context, view: LiveView): Promise<number> {
  const { runtime, options, model, chalk } = context;
  const profiles = profilesInScope(context);
  if (profiles.length === 0 && !options.json) {
    runtime.out(nothingFound(model));
    return EXIT_OK;
  }
  const live = await observe(context);
  if (options.json) writeJson(runtime, view.command, true, view.json(model, live, profiles));
  else runtime.out(view.text(model, live, profiles, chalk));
  return EXIT_OK;
}

async function allChecks(pluginSpecifiers: readonly string[], cwd: string): Promise<Check[]> {
  try {
    const checks = [...builtinChecks, ...(await loadPlugins(pluginSpecifiers, cwd))];
    assertUniqueIds(checks);
    return checks;
  } catch (error) {
    if (error instanceof PluginError) throw new UsageError(error.message);
    throw error;
  }
}

function assertKnownIds(checks: readonly Check[], patterns: readonly string[], flag: string): void {
  for (const pattern of patterns) {
    const bare = pattern.replace(/\/$/, '');
    if (!checks.some((check) => check.id === bare || check.id.startsWith(`${bare}/`))) {
      throw new UsageError(`${flag} ${pattern}: no such check; \`clawdoc checks\` lists them`);
    }
  }
}

async function runDoctorCommand(context: Context, flags: DoctorFlags): Promise<number> {
  const { runtime, options, model, chalk } = context;
  const checks = await allChecks(flags.plugin, runtime.cwd);
  assertKnownIds(checks, flags.only, '--only');
  assertKnownIds(checks, flags.skip, '--skip');
  const focus = profilesInScope(context);
  if (focus.length === 0 && !options.json) {
    runtime.out(nothingFound(model));
    return EXIT_OK;
  }
  const live = await observe(context);
  const result = checkHost(model, focus, live, { checks, selection: { only: flags.only, skip: flags.skip }, failOn: flags.failOn });
  if (options.json) writeJson(runtime, 'doctor', result.exitCode === 0, doctorJson(result));
  else runtime.out(doctorText(result, chalk, Boolean(flags.verbose)));
  return result.exitCode;
}

async function runChecksList(context: Context, pluginSpecifiers: readonly string[]): Promise<number> {
  const { runtime, options, chalk } = context;
  const checks = await allChecks(pluginSpecifiers, runtime.cwd);
  if (options.json) {
    writeJson(runtime, 'checks', true, {
      checks: checks.map((check) => ({ id: check.id, title: check.title, scope: check.scope, looksAt: check.looksAt, layouts: check.layouts ?? null })),
    });
    return EXIT_OK;
  }
  const width = Math.max(...checks.map((check) => check.id.length)) + 2;
  for (const check of checks) {
    runtime.out(`${chalk.bold(check.id.padEnd(width))}${check.title}\n${' '.repeat(width)}${chalk.dim(`${check.scope} · looks at ${check.looksAt}`)}`);
  }
  return EXIT_OK;
}

function runPorts(context: Context): number {
  const { runtime, options, model, chalk } = context;
  const profiles = profilesInScope(context);
  if (options.json) writeJson(runtime, 'ports', true, portsJson(model, profiles));
  else runtime.out(profiles.length === 0 ? nothingFound(model) : portsText(model, profiles, chalk));
  return EXIT_OK;
}

const HELP_FOOTER = `
Examples:
  clawdoc doctor --all-profiles           check every profile on this host
  clawdoc doctor --all-profiles --json    the same as JSON, for CI (exit 1 on errors)
  clawdoc --profile rescue status         is the rescue gateway up, on which port, whose port
  clawdoc --profile rescue browser status control port, CDP ports and Chrome of rescue
  clawdoc ports --all-profiles            every planned port, drawn on one axis
  clawdoc --home /home/bot profiles       inspect another account's home

Exit codes: 0 healthy, 1 findings at or above --fail-on, 2 usage or internal error.`;

function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`${flag} takes a whole number of milliseconds, e.g. ${flag} 1500`);
    return parsed;
  };
}

function buildProgram(runtime: Runtime, setExit: (code: number) => void, json: boolean): Command {
  const program = new Command();
  program
    .name('clawdoc')
    .description('A doctor for hosts that run several OpenClaw gateways: every profile, every port, who owns it, and the fix.')
    .version(VERSION, '-V, --version')
    .option('--profile <name>', 'the OpenClaw profile to look at (as `openclaw --profile`)')
    .option('--dev', 'the dev profile (as `openclaw --dev`)')
    .option('--home <dir>', 'inspect this home instead of $OPENCLAW_HOME / $HOME')
    .option('--json', 'print one JSON document on stdout (for CI and tools)')
    .option('--no-color', 'plain text without colour (NO_COLOR is honoured too)')
    .addOption(
      new Option('--layout <version>', 'port layout of an OpenClaw release (default: the installed release, else current)').choices([...LAYOUT_VERSIONS]),
    )
    .addOption(new Option('--timeout <ms>', 'bound of each network probe').default(DEFAULT_PROBE_TIMEOUT_MS).argParser(positiveInteger('--timeout')))
    .addOption(new Option('--deadline <ms>', 'bound of the whole live stage (default: 4 x --timeout, at least 5000)').argParser(positiveInteger('--deadline')))
    .addHelpText('after', HELP_FOOTER)
    .showHelpAfterError('(run clawdoc --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.out(text),
      // Under --json the error becomes the JSON envelope alone; subcommands inherit this when created.
      writeErr: (text) => (json ? undefined : runtime.err(text)),
    });

  const allProfiles = (command: Command) => command.option('--all-profiles', 'every profile on the host');

  program
    .command('profiles')
    .description('list every OpenClaw profile on the host: state dir, config, port and where it was found')
    .action((_options, command: Command) => setExit(runProfiles(contextFor(runtime, command))));

  allProfiles(
    program.command('ports').description('show the port plan of a profile (or all), drawn on one axis with overlaps marked; needs no running gateway'),
  ).action((_options, command: Command) => setExit(runPorts(contextFor(runtime, command))));

  allProfiles(program.command('status').description('is each gateway running, on which port, healthy, and whose is its port (works with no token)')).action(
    async (_options, command: Command) => setExit(await runLiveView(contextFor(runtime, command), STATUS_VIEW)),
  );

  const browser = program.command('browser').description('browser control and CDP of a profile');
  allProfiles(
    browser
      .command('status')
      .description("control port, each browser profile's CDP port, whose Chrome is there, version and tabs; works while the gateway is down"),
  ).action(async (_options, command: Command) => setExit(await runLiveView(contextFor(runtime, command), BROWSER_VIEW)));

  const collect = (value: string, previous: string[]) => [...previous, value];
  allProfiles(
    program
      .command('doctor')
      .description('check every profile against all others: ports, owners, paths, browsers, credentials; a fix for each finding')
      .option('--only <id>', 'run only this check, or every check under a folder like ports/ (repeatable)', collect, [])
      .option('--skip <id>', 'skip this check or folder (repeatable)', collect, [])
      .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITIES]).default('error'))
      .option('--verbose', 'also list passed checks and the evidence of each finding')
      .option('--plugin <path>', 'load more checks from a file or package (repeatable)', collect, []),
  ).action(async (flags: DoctorFlags, command: Command) => setExit(await runDoctorCommand(contextFor(runtime, command), flags)));

  program
    .command('checks')
    .description('list every check with its id, title and what it looks at')
    .option('--plugin <path>', 'include checks from a file or package (repeatable)', collect, [])
    .action(async (flags: { plugin: string[] }, command: Command) => setExit(await runChecksList(contextFor(runtime, command), flags.plugin)));

  return program;
}

const JSON_COMMANDS: readonly JsonCommand[] = ['doctor', 'status', 'ports', 'profiles', 'checks'];

/** The command argv names, for the envelope of an error raised before commander ran it. */
function commandIn(argv: readonly string[]): JsonCommand | null {
  const browser = argv.indexOf('browser');
  if (browser !== -1 && argv[browser + 1] === 'status') return 'browser status';
  return JSON_COMMANDS.find((command) => argv.includes(command)) ?? null;
}

/** Runs clawdoc with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], runtime: Runtime): Promise<number> {
  const wantsJson = argv.includes('--json');
  let exitCode = EXIT_OK;
  const program = buildProgram(
    runtime,
    (code) => {
      exitCode = code;
    },
    wantsJson,
  );
  const failUsage = (message: string): number => {
    if (wantsJson) runtime.out(JSON.stringify(failureEnvelope(stampOf(runtime, commandIn(argv)), 'usage', message), null, 2));
    else runtime.err(wrap(message, '  ', undefined, 'clawdoc: '));
    return EXIT_USAGE;
  };
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK;
      return wantsJson ? failUsage(error.message.replace(/^error: /, '')) : EXIT_USAGE;
    }
    if (error instanceof UsageError) return failUsage(error.message);
    const message = error instanceof Error ? error.message : String(error);
    if (wantsJson) runtime.out(JSON.stringify(failureEnvelope(stampOf(runtime, commandIn(argv)), 'internal', message), null, 2));
    else runtime.err(`clawdoc: internal error: ${message}`);
    return EXIT_USAGE;
  }
}
