// `clawdoc checks`: every check with its id, title and what it looks at.
import { visibleAll } from '../report/visible.js';
import { EXIT_OK } from '../runtime.js';
import { writeJson, type Context } from './context.js';
import { allChecks } from './doctor.js';

export async function runChecksList(context: Context, pluginSpecifiers: readonly string[]): Promise<number> {
  const { runtime, options, chalk } = context;
  const checks = await allChecks(pluginSpecifiers, runtime.cwd);
  if (options.json) {
    writeJson(runtime, 'checks', true, {
      checks: checks.map((check) => ({ id: check.id, title: check.title, scope: check.scope, looksAt: check.looksAt, layouts: check.layouts ?? null })),
    });
    return EXIT_OK;
  }
  const shown = visibleAll(checks);
  const width = Math.max(...shown.map((check) => check.id.length)) + 2;
  for (const check of shown) {
    runtime.out(`${chalk.bold(check.id.padEnd(width))}${check.title}\n${' '.repeat(width)}${chalk.dim(`${check.scope} · looks at ${check.looksAt}`)}`);
  }
  return EXIT_OK;
}
