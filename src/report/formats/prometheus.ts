// Prometheus text exposition for node_exporter's textfile collector: findings, gateways, port conflicts and the run itself.
import { redact } from '../../redact.js';
import type { ReportInput } from './input.js';

type Labels = Record<string, string>;

interface Metric {
  name: string;
  help: string;
  samples: Array<{ labels: Labels; value: number }>;
}

/** Label values may hold paths, process names and command fragments: secrets are redacted before anything is counted. */
function redactLabels(labels: Labels): Labels {
  return Object.fromEntries(Object.entries(labels).map(([key, value]) => [key, redact(value)]));
}

function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function helpText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function sampleLine(name: string, labels: Labels, value: number): string {
  const pairs = Object.entries(labels).map(([key, item]) => `${key}="${labelValue(item)}"`);
  return `${name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${value}`;
}

/** Sums samples with equal (redacted) labels: a series may appear once per scrape. */
function counted(labelSets: readonly Labels[]): Metric['samples'] {
  const counts = new Map<string, { labels: Labels; value: number }>();
  for (const labels of labelSets.map(redactLabels)) {
    const key = JSON.stringify(labels);
    const entry = counts.get(key) ?? { labels, value: 0 };
    entry.value += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

/** A port-conflict finding: any finding of a check under `ports/` whose evidence names the contested port. */
function conflictPort(finding: ReportInput['findings'][number]): number | null {
  return finding.checkId.startsWith('ports/') && typeof finding.evidence.port === 'number' ? finding.evidence.port : null;
}

function metrics(input: ReportInput): Metric[] {
  const host = redact(input.host.hostname);
  // Host-wide findings carry profile="", which Prometheus treats as the label being absent.
  const findingLabels = input.findings.map((finding) => ({ host, profile: finding.profile ?? '', check: finding.checkId, severity: finding.severity }));
  const conflicts = input.findings.flatMap((finding) => {
    const port = conflictPort(finding);
    return port === null ? [] : [{ host, profile: finding.profile ?? '', port: String(port), check: finding.checkId, severity: finding.severity }];
  });
  return [
    {
      name: 'clawdoc_findings',
      help: 'Findings of the last clawdoc run, by profile, check and severity; absent series are zero.',
      samples: counted(findingLabels),
    },
    {
      name: 'clawdoc_gateway_up',
      help: "1 when the profile's gateway answered its health probe in the last run, else 0.",
      samples: input.profiles.map((profile) => ({
        labels: redactLabels({ host, profile: profile.name, port: String(profile.gateway?.port ?? profile.gatewayPort) }),
        value: profile.gateway?.state === 'running' ? 1 : 0,
      })),
    },
    {
      name: 'clawdoc_port_owner_conflict',
      help: 'Findings of ports/ checks about a contested port, by profile, port, check and severity.',
      samples: counted(conflicts),
    },
    {
      name: 'clawdoc_last_run_timestamp_seconds',
      help: 'When the last clawdoc run ended, in seconds since the epoch.',
      samples: [{ labels: { host }, value: Date.parse(input.generatedAt) / 1000 }],
    },
    { name: 'clawdoc_run_duration_seconds', help: 'How long the last clawdoc run took.', samples: [{ labels: { host }, value: input.durationMs / 1000 }] },
    { name: 'clawdoc_checks_run', help: 'How many checks the last clawdoc run ran.', samples: [{ labels: { host }, value: input.checksRun.length }] },
  ];
}

export function renderPrometheus(input: ReportInput): string {
  const lines = metrics(input).flatMap((metric) => [
    `# HELP ${metric.name} ${helpText(metric.help)}`,
    `# TYPE ${metric.name} gauge`,
    ...metric.samples.map((sample) => sampleLine(metric.name, sample.labels, sample.value)),
  ]);
  return `${lines.join('\n')}\n`;
}
