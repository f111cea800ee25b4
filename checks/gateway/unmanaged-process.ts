// A live gateway no service owns: `openclaw gateway stop` cannot stop it and nothing restarts it after a reboot.
import { defineCheck } from '../../src/doctor/api.js';
import { killProcess, openclawHint } from '../../src/fixes/commands.js';
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
    if (profile.services.some((service) => service.isGateway)) return [];
    const host = context.model.invocation;
    const install = openclawHint(profile, ['gateway', 'install'], host);
    return [
      {
        severity: 'info',
        profile: profile.name,
        message: `${profile.name}'s gateway runs as pid ${gateway.pid} on port ${gateway.port}, but no service starts it: \`gateway stop\` will not stop it and it will not come back after a reboot`,
        // Stopping a healthy gateway is the operator's call (OPENCLAW.md section 9), so these are manual steps, not a fix.
        fixHint: `To put it under a service, when a short outage is fine: stop pid ${gateway.pid} (\`${killProcess(gateway.pid, host)}\`), then \`${install}\`, which writes and starts the service on its configured port.`,
        evidence: { pid: gateway.pid, port: gateway.port, services: [] },
      },
    ];
  },
});
