// Two profiles read the same config file: every change to one changes the other, ports included.
import { defineCheck } from '../../src/checks/api.js';
import { profileToMove } from '../../src/checks/helpers.js';
import { describeRelation, sharedPaths } from '../../src/checks/shared-paths.js';
import { openclawFor } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'paths/shared-config',
  title: 'Every profile has its own config file',
  scope: 'host',
  looksAt: 'the real path of every profile\'s config file (after symlinks)',
  run(context) {
    const home = context.model.invocation.home;
    return sharedPaths(context, (profile) => [{ key: 'OPENCLAW_CONFIG_PATH', path: profile.configPath }], false).map((shared) => {
      const moving = profileToMove(context, shared.a, shared.b);
      const staying = moving === shared.a ? shared.b : shared.a;
      return {
        severity: 'error' as const,
        profile: moving.name,
        message: `${moving.name} and ${staying.name} read the same config: ${describeRelation(shared, home)}`,
        fixHint: `Copy the file to ${moving.stateDir}/openclaw.json, change its gateway.port and workspace, and unset OPENCLAW_CONFIG_PATH for ${moving.name}.`,
        fix: { commands: [`cp ${shared.pathA.path} ${moving.stateDir}/openclaw.json`, `${openclawFor(moving)} config get gateway.port`] },
        evidence: { profiles: [staying.name, moving.name], configPath: shared.pathA.path, realPath: context.model.realPaths[shared.pathA.path] ?? shared.pathA.path },
      };
    });
  },
});
