// The gateway runs (or its service starts it) on another port than the profile's CLI resolves.
import { defineCheck } from '../../src/doctor/api.js';
import { configSet, fixOf, openclawHint, unsetEnv } from '../../src/fixes/commands.js';
import { isGatewayUp } from '../../src/attribute/live.js';

export default defineCheck({
  id: 'gateway/port-drift',
  title: "Each profile's CLI resolves the port its gateway runs on",
  scope: 'profile',
  looksAt: "the port in the live lock (or the service's --port) against the port `openclaw --profile X` resolves",
  run(context) {
    const { profile } = context;
    const gateway = context.own.gateway;
    const running = gateway.portSource === 'lock' && isGatewayUp(gateway);
    const actual = running ? gateway.port : profile.gatewayPort.port;
    const cli = profile.cliPort;
    if (actual === cli.port) return [];
    const where = running ? `runs on ${actual} (pid ${gateway.pid})` : `is started on ${actual} by ${profile.gatewayPort.detail}`;
    return [
      {
        severity: 'warning',
        profile: profile.name,
        message: `${profile.name}'s gateway ${where}, but \`${openclawHint(profile, ['status'], context.model.invocation)}\` talks to ${cli.port} (${cli.source}) and reports it unreachable`,
        path: 'gateway.port',
        fixHint: `Pin gateway.port to ${actual}, where the gateway already is; nothing needs a restart.${cli.source === 'env' ? ' Also unset OPENCLAW_GATEWAY_PORT in this shell.' : ''}`,
        ...fixOf(() => [
          configSet(profile, 'gateway.port', actual, context.model.invocation),
          ...(cli.source === 'env' ? [unsetEnv('OPENCLAW_GATEWAY_PORT')] : []),
        ]),
        evidence: {
          actualPort: actual,
          actualSource: running ? 'lock' : profile.gatewayPort.source,
          cliPort: cli.port,
          cliSource: cli.source,
          cliDetail: cli.detail,
        },
      },
    ];
  },
});
