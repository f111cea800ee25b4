// A gateway service runs another OpenClaw install or version than the `openclaw` on PATH.
import path from 'node:path';
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { fixOf, openclawHint, reinstallGatewayService } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'services/stale-install',
  title: 'Every gateway service runs the OpenClaw install the CLI on PATH is',
  scope: 'profile',
  looksAt: "the package.json above each service's entry point against the `openclaw` first on PATH",
  run(context) {
    const { profile } = context;
    const cli = context.model.cliRelease ?? null;
    if (!cli) return [];
    const findings: FindingDraft[] = [];
    for (const service of profile.services) {
      const release = service.release ?? null;
      if (!service.isGateway || !release) continue;
      const sameInstall = path.dirname(release.packageJson) === path.dirname(cli.packageJson);
      if (sameInstall && release.version === cli.version) continue;
      findings.push({
        severity: 'warning',
        profile: profile.name,
        message: `${service.name} runs OpenClaw ${release.version} from ${path.dirname(release.packageJson)}, but the \`openclaw\` on PATH is ${cli.version} from ${path.dirname(cli.packageJson)}: an update of the CLI does not reach this gateway`,
        fixHint: `Rewrite the service with the current CLI (\`${openclawHint(profile, ['gateway', 'install', '--force'], context.model.invocation)}\`) and restart it; the old install can go once nothing runs it.`,
        ...fixOf(() => reinstallGatewayService(profile, context.model.invocation)),
        evidence: {
          service: service.name,
          file: service.file,
          serviceVersion: release.version,
          servicePackage: release.packageJson,
          cliVersion: cli.version,
          cliPackage: cli.packageJson,
        },
      });
    }
    return findings;
  },
});
