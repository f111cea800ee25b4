// Two profiles receive channel webhooks on the same fixed port (Telegram 8787, MS Teams 3978, Nextcloud Talk 8788).
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { pairsSharingKey, profileToMove } from '../../src/doctor/helpers.js';
import { configSet, fixOf } from '../../src/fixes/commands.js';
import { WEBHOOK_DEFAULT_PORTS } from '../../src/config/channels.js';

const WEBHOOK_PORT_STEP = 10;

export default defineCheck({
  id: 'ports/webhook-collision',
  title: 'No two profiles receive channel webhooks on the same port',
  scope: 'host',
  looksAt: 'the webhook ports of channels in webhook mode (fixed defaults, not derived from the gateway port)',
  run(context) {
    const findings: FindingDraft[] = [];
    const hooks = context.profiles.flatMap((profile) => profile.webhooks.map((webhook) => ({ profile, webhook })));
    const used = new Set(hooks.map((hook) => hook.webhook.port));
    for (const [i, j] of pairsSharingKey(hooks, (hook) => [hook.webhook.port])) {
      const a = hooks[i]!;
      const b = hooks[j]!;
      if (a.profile.name === b.profile.name) continue;
      const { moving } = profileToMove(context, a.profile, b.profile);
      const [mine, theirs] = moving === a.profile ? [a, b] : [b, a];
      let newPort = mine.webhook.port + WEBHOOK_PORT_STEP;
      while (used.has(newPort) || WEBHOOK_DEFAULT_PORTS.has(newPort)) newPort += WEBHOOK_PORT_STEP;
      used.add(newPort);
      const key = mine.webhook.portKey;
      findings.push({
        severity: 'error',
        profile: moving.name,
        message: `${moving.name}'s ${mine.webhook.channel} webhook and ${theirs.profile.name}'s ${theirs.webhook.channel} webhook both listen on port ${mine.webhook.port}`,
        path: key,
        fixHint: `Give ${moving.name}'s ${mine.webhook.channel} webhook its own port (and update the public webhook URL that forwards to it).`,
        ...fixOf(() => [configSet(moving, key, newPort, context.model.invocation)]),
        profiles: [theirs.profile.name, moving.name],
        evidence: {
          port: mine.webhook.port,
          sources: { [moving.name]: mine.webhook.source, [theirs.profile.name]: theirs.webhook.source },
          suggestedPort: newPort,
        },
      });
    }
    return findings;
  },
});
