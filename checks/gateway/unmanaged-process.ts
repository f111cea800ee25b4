// A live gateway no service owns: `openclaw gateway stop` cannot stop it and nothing restarts it after a reboot.
import { defineCheck } from '../../src/doctor/api.js';
import { killProcess, openclawHint, startService } from '../../src/fixes/commands.js';
import { isGatewayUp } from '../../src/attribute/live.js';

export default defineCheck({
  id: 'gateway/unmanaged-process',
  title: 'Every running gateway is started by a service',
  scope: 'profile',
  looksAt: 'the live lock pid and its listener against the gateway services of the profile',
  run(context) {
    const { profile } = context;
    const gateway = context.own.gateway;
    if (!isGatewayUp(gateway) || gateway.portSource !== 'lock' || gateway.pid === null) return [];
    const services = profile.services.filter((service) => service.isGateway);
    const enabled = services.filter((service) => service.enabled !== false);
    // With services, only a process proven started by hand counts (an unreadable environment proves nothing). While one
    // of them is enabled it races this process: services/duplicate-supervisor reports that pair and disables the
    // service, so this check stays silent then, unless that check does not run.
    if (services.length > 0 && gateway.supervisor?.by !== 'hand') return [];
    if (enabled.length > 0 && (context.selected?.has('services/duplicate-supervisor') ?? true)) return [];
    const host = context.model.invocation;
    // A disabled unit is not "installed" for `gateway install` (it asks `systemctl is-enabled`, 2026.9.6): it rewrites and enables it.
    const start =
      enabled.length > 0
        ? `\`${startService(enabled[0]!, host)}\``
        : `\`${openclawHint(profile, ['gateway', 'install'], host)}\`, which writes and starts the service on its configured port`;
    const names = (list: typeof services) => `service${list.length > 1 ? 's' : ''} ${list.map((service) => service.name).join(', ')}`;
    const why =
      services.length === 0
        ? ', but no service starts it: `gateway stop` will not stop it and it will not come back after a reboot'
        : enabled.length === 0
          ? `, started by hand while its ${names(services)} ${services.length > 1 ? 'are' : 'is'} disabled: \`gateway stop\` will not stop it and it will not come back after a reboot`
          : `, started by hand, not by its ${names(enabled)}: \`gateway stop\` will not stop it`;
    return [
      {
        severity: 'info',
        profile: profile.name,
        message: `${profile.name}'s gateway runs as pid ${gateway.pid} on port ${gateway.port}${why}`,
        // Stopping a healthy gateway is the operator's call (OPENCLAW.md section 9), so these are manual steps, not a fix.
        fixHint: `To put it under ${enabled.length > 0 ? 'its' : 'a'} service, when a short outage is fine: stop pid ${gateway.pid} (\`${killProcess(gateway.pid, host)}\`), then ${start}.`,
        evidence: { pid: gateway.pid, port: gateway.port, services: services.map((service) => service.name) },
      },
    ];
  },
});
