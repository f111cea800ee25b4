// `clawdoc checks`: every check with its id, title and what it looks at.
import { visibleAll } from '../report/visible.js';
import { EXIT_OK } from '../runtime.js';
import { wrap } from '../report/wrap.js';
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
  // A long id (a plugin's) would leave no room for the title: then the title starts on the next line.
  const indent = ' '.repeat(Math.min(width, 32));
  for (const check of shown) {
    const title = wrap(check.title, indent);
    const head =
      check.id.length + 2 <= indent.length ? `${chalk.bold(check.id.padEnd(indent.length))}${title.slice(indent.length)}` : `${chalk.bold(check.id)}\n${title}`;
    runtime.out(`${head}\n${chalk.dim(wrap(`${check.scope} · looks at ${check.looksAt}`, indent))}`);
  }
  return EXIT_OK;
}
