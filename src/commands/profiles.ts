// `clawdoc profiles`: every profile found, where, and what discovery noted.
import { profilesJson, profilesText } from '../report/profiles.js';
import { visibleAll } from '../report/visible.js';
import { EXIT_OK } from '../runtime.js';
import { writeJson, type Context } from './context.js';

export function runProfiles(context: Context): number {
  const { runtime, options, model, chalk } = context;
  if (options.json) writeJson(runtime, 'profiles', true, profilesJson(model));
  else runtime.out(profilesText(visibleAll(model), chalk));
  return EXIT_OK;
}
