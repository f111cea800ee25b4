// The command line: commander wiring over the commands in src/commands/. Nothing else parses argv.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { LAYOUT_VERSIONS } from './ports/layout.js';
import { envelope, failureEnvelope, type JsonCommand } from './report/envelope.js';
import { SEVERITIES } from './doctor/api.js';
import { EXIT_OK, EXIT_USAGE, type Runtime } from './runtime.js';
import { VERSION } from './version.js';
import { wrap } from './report/wrap.js';
import { visible } from './report/visible.js';
import { contextFor, MAX_TIMER_MS, stampOf, UsageError, type GlobalOptions } from './commands/context.js';
import { runProfiles } from './commands/profiles.js';
import { runPorts } from './commands/ports.js';
import { BROWSER_VIEW, runLiveView, STATUS_VIEW } from './commands/live-view.js';
import { runDoctorCommand, type DoctorFlags } from './commands/doctor.js';
import { runChecksList } from './commands/checks.js';
import { runBaselineCommand, type BaselineFlags } from './commands/baseline.js';
import { parseInterval, runWatchCommand, type WatchFlags } from './commands/watch.js';
import { FORMATS } from './commands/format.js';
import { runFix, type FixFlags } from './commands/fix.js';

const DEFAULT_PROBE_TIMEOUT_MS = 1500;

/** The command's context from commander's parsed options (globals included). */
function contextOf(runtime: Runtime, command: Command) {
  return contextFor(runtime, command.optsWithGlobals<GlobalOptions>());
}

const HELP_FOOTER = `
Examples:
  clawdoc doctor --all-profiles           check every profile on this host
  clawdoc doctor --all-profiles --json    the same as JSON, for CI (exit 1 on errors)
  clawdoc --profile rescue status         is the rescue gateway up, on which port, whose port
  clawdoc --profile rescue browser status control port, CDP ports and Chrome of rescue
  clawdoc ports --all-profiles            every planned port, drawn on one axis
  clawdoc --home /home/bot profiles       inspect another account's home
  clawdoc doctor --all-profiles --format sarif --output clawdoc.sarif
                                          SARIF for GitHub code scanning
  clawdoc watch --interval 30s            print findings as they appear and go

Exit codes: 0 healthy, 1 findings at or above --fail-on, 2 usage or internal error.`;

function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`${flag} takes a whole number of milliseconds, e.g. ${flag} 1500`);
    if (parsed > MAX_TIMER_MS) throw new InvalidArgumentError(`${flag} can be at most ${MAX_TIMER_MS} ms (about 24.8 days), the longest timer Node.js has`);
    return parsed;
  };
}

function intervalOf(value: string): number {
  const parsed = parseInterval(value);
  if (parsed === null || parsed > MAX_TIMER_MS) throw new InvalidArgumentError('--interval takes a time like 30s, 5m, 1h or 1500ms (0s runs tick after tick)');
  return parsed;
}

function positiveCount(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError('--ticks takes a whole number above 0');
  return parsed;
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
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.out(text),
      // Under --json the error becomes the JSON envelope alone; subcommands inherit this when created.
      writeErr: (text) => (json ? undefined : runtime.err(text)),
      // main() prints every error, commander's too, in one style.
      outputError: () => undefined,
    });

  const allProfiles = (command: Command) => command.option('--all-profiles', 'every profile on the host');

  program
    .command('profiles')
    .description('list every OpenClaw profile on the host: state dir, config, port and where it was found')
    .action((_options, command: Command) => setExit(runProfiles(contextOf(runtime, command))));

  allProfiles(
    program.command('ports').description('show the port plan of a profile (or all), drawn on one axis with overlaps marked; needs no running gateway'),
  ).action((_options, command: Command) => setExit(runPorts(contextOf(runtime, command))));

  allProfiles(program.command('status').description('is each gateway running, on which port, healthy, and whose is its port (works with no token)')).action(
    async (_options, command: Command) => setExit(await runLiveView(contextOf(runtime, command), STATUS_VIEW)),
  );

  const browser = program.command('browser').description('browser control and CDP of a profile');
  allProfiles(
    browser
      .command('status')
      .description("control port, each browser profile's CDP port, whose Chrome is there, version and tabs; works while the gateway is down"),
  ).action(async (_options, command: Command) => setExit(await runLiveView(contextOf(runtime, command), BROWSER_VIEW)));

  const collect = (value: string, previous: string[]) => [...previous, value];
  /** The options every command that runs the checks shares. */
  const checkOptions = (command: Command) =>
    allProfiles(command)
      .option('--only <id>', 'run only this check, or every check under a folder like ports/ (repeatable)', collect, [])
      .option('--skip <id>', 'skip this check or folder (repeatable)', collect, [])
      .option('--plugin <path>', 'load more checks from a file or package (repeatable)', collect, [])
      .option('--config <file>', 'the clawdoc config file (default: clawdoc/config.json in the user config dir)');
  const reportOptions = (command: Command) =>
    command
      .addOption(new Option('--format <format>', 'report format (--json is --format json)').choices([...FORMATS]))
      .option('--output <file>', 'write the report to this file (atomically) instead of stdout')
      .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: error)').choices([...SEVERITIES]))
      .option('--baseline <file>', 'hide the findings accepted in this baseline file (see clawdoc baseline)')
      .option('--verbose', 'also list passed checks and the evidence of each finding');

  reportOptions(
    checkOptions(
      program.command('doctor').description('check every profile against all others: ports, owners, paths, browsers, credentials; a fix for each finding'),
    ),
  ).action(async (flags: DoctorFlags, command: Command) => setExit(await runDoctorCommand(contextOf(runtime, command), flags)));

  checkOptions(program.command('baseline').description('accept the current findings: write their fingerprints, so doctor --baseline hides them'))
    .option('--output <file>', "the baseline file (default: the config's baseline, else ./clawdoc-baseline.json)")
    .option('--reason <text>', 'why these findings are accepted, stored with each')
    .action(async (flags: BaselineFlags, command: Command) => setExit(await runBaselineCommand(contextOf(runtime, command), flags)));

  reportOptions(
    checkOptions(program.command('watch').description('run the doctor every --interval; print findings as they appear and go, rewrite --output each tick')),
  )
    .addOption(new Option('--interval <time>', 'time between ticks: 30s, 5m, 1h, 1500ms').default(30_000, '30s').argParser(intervalOf))
    .addOption(new Option('--ticks <n>', 'stop after n ticks').argParser(positiveCount).hideHelp())
    .action(async (flags: WatchFlags, command: Command) => setExit(await runWatchCommand(contextOf(runtime, command), flags)));

  program
    .command('checks')
    .description('list every check with its id, title and what it looks at')
    .option('--plugin <path>', 'include checks from a file or package (repeatable)', collect, [])
    .action(async (flags: { plugin: string[] }, command: Command) => setExit(await runChecksList(contextOf(runtime, command), flags.plugin)));

  program
    .command('fix')
    .description('one repair plan for the whole host, proven on a simulated copy first; --apply runs it, --undo restores the last apply')
    .option('--apply', 'run the plan: asks first, backs up each file it changes next to it (<file>.clawdoc-<time>.bak), journals to <home>/.cache/clawdoc/')
    .option('--yes', 'with --apply: do not ask (needed without a terminal)')
    .option('--openclaw <path>', 'the openclaw CLI to run (default: openclaw on PATH)')
    .option('--restart-unmanaged', 'with --apply: also stop and start gateways that run without a service')
    .option('--undo', 'restore the files the last --apply changed')
    .action(async (flags: FixFlags, command: Command) => setExit(await runFix(contextOf(runtime, command), flags)));

  return program;
}

const JSON_COMMANDS: readonly JsonCommand[] = ['doctor', 'status', 'ports', 'profiles', 'checks', 'baseline', 'fix'];

/** The command argv names, for the envelope of an error raised before commander ran it. */
function commandIn(argv: readonly string[]): JsonCommand | null {
  const browser = argv.indexOf('browser');
  if (browser !== -1 && argv[browser + 1] === 'status') return 'browser status';
  return JSON_COMMANDS.find((command) => argv.includes(command)) ?? null;
}

/** `--json`, or `--format json` (either spelling): errors then come as an envelope too. */
function asksForJson(argv: readonly string[]): boolean {
  return argv.some((arg, index) => arg === '--json' || arg === '--format=json' || (arg === '--format' && argv[index + 1] === 'json'));
}

/** The help of the named command (or the program), as text and as a list of commands, for `--help --json`. */
function helpJson(program: Command, argv: readonly string[]): object {
  let command = program;
  for (const arg of argv) {
    const sub = command.commands.find((candidate) => candidate.name() === arg);
    if (sub) command = sub;
  }
  const list = (parent: Command, prefix: string): Array<{ name: string; description: string }> =>
    parent.commands.flatMap((sub) => [{ name: `${prefix}${sub.name()}`, description: sub.description() }, ...list(sub, `${prefix}${sub.name()} `)]);
  return { help: command.helpInformation(), commands: list(program, '') };
}

/** Runs clawdoc with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], runtime: Runtime): Promise<number> {
  const wantsJson = asksForJson(argv);
  let exitCode = EXIT_OK;
  const program = buildProgram(
    runtime,
    (code) => {
      exitCode = code;
    },
    wantsJson,
  );
  const failUsage = (message: string, hint = ''): number => {
    if (wantsJson) runtime.out(JSON.stringify(failureEnvelope(stampOf(runtime, commandIn(argv)), 'usage', message), null, 2));
    else runtime.err(`${wrap(visible(message), '  ', undefined, 'clawdoc: ')}${hint}`);
    return EXIT_USAGE;
  };
  const failInternal = (message: string, label = ''): number => {
    if (wantsJson) runtime.out(JSON.stringify(failureEnvelope(stampOf(runtime, commandIn(argv)), 'internal', message), null, 2));
    else runtime.err(`clawdoc: ${label}${visible(message)}`);
    return EXIT_USAGE;
  };
  if (runtime.startProblem) return failInternal(runtime.startProblem);
  if (wantsJson && (argv.includes('--version') || argv.includes('-V'))) {
    runtime.out(JSON.stringify(envelope(stampOf(runtime, 'version'), true, { version: VERSION }), null, 2));
    return EXIT_OK;
  }
  if (wantsJson && (argv.includes('--help') || argv.includes('-h'))) {
    runtime.out(JSON.stringify(envelope(stampOf(runtime, 'help'), true, helpJson(program, argv)), null, 2));
    return EXIT_OK;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK;
      // commander.help with a non-zero code: no command was given (the help already went to stderr in text mode).
      if (error.code === 'commander.help') return failUsage('no command given; `clawdoc --help` lists the commands');
      return failUsage(error.message.replace(/^error: /, ''), '\n(run clawdoc --help for usage)');
    }
    if (error instanceof UsageError) return failUsage(error.message);
    return failInternal(error instanceof Error ? error.message : String(error), 'internal error: ');
  }
}
