// `clawdoc ports`: the port plans of the profiles in scope and their overlaps; nothing observed.
import { nothingFound } from '../report/profiles.js';
import { portsJson, portsText } from '../report/ports.js';
import { visibleAll } from '../report/visible.js';
import { EXIT_OK } from '../runtime.js';
import { profilesInScope, writeJson, type Context } from './context.js';

export function runPorts(context: Context): number {
  const { runtime, options, model, chalk } = context;
  const profiles = profilesInScope(context);
  if (options.json) writeJson(runtime, 'ports', true, portsJson(model, profiles));
  else runtime.out(profiles.length === 0 ? nothingFound(visibleAll(model)) : portsText(...visibleAll([model, profiles] as const), chalk));
  return EXIT_OK;
}
