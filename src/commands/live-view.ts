// `clawdoc status` and `clawdoc browser status`: observe once, then lay out the profiles in scope.
import type { HostModel, Profile } from '../model.js';
import type { LiveModel } from '../attribute/live.js';
import type { JsonCommand } from '../report/envelope.js';
import { nothingFound } from '../report/profiles.js';
import { browserStatusJson, browserStatusText, statusJson, statusText } from '../report/status.js';
import { visibleAll } from '../report/visible.js';
import { EXIT_OK } from '../runtime.js';
import { observe, profilesInScope, writeJson, type Context } from './context.js';

interface LiveView {
  command: JsonCommand;
  json(model: HostModel, live: LiveModel, profiles: readonly Profile[]): object;
  text(model: HostModel, live: LiveModel, profiles: readonly Profile[], chalk: Context['chalk']): string;
}

export const STATUS_VIEW: LiveView = { command: 'status', json: statusJson, text: statusText };
export const BROWSER_VIEW: LiveView = { command: 'browser status', json: browserStatusJson, text: browserStatusText };

/** `status` and `browser status`: observe once, then render the profiles in scope. */
export async function runLiveView(context: Context, view: LiveView): Promise<number> {
  const { runtime, options, model, chalk } = context;
  const profiles = profilesInScope(context);
  if (profiles.length === 0 && !options.json) {
    runtime.out(nothingFound(visibleAll(model)));
    return EXIT_OK;
  }
  const live = await observe(context);
  if (options.json) writeJson(runtime, view.command, true, view.json(model, live, profiles));
  else runtime.out(view.text(...visibleAll([model, live, profiles] as const), chalk));
  return EXIT_OK;
}
