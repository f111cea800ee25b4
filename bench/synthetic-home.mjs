// Synthetic homes for the scale scenarios: `count` profiles with configs, base ports packed as densely as the port range forces.
import fs from 'node:fs';
import path from 'node:path';

const LOWEST_BASE = 1024;
const HIGHEST_BASE = 65535 - 120;

/**
 * Writes `~/.openclaw-p<i>/openclaw.json` for i < count. Base ports are 120 apart while they fit and closer
 * beyond that, so large homes carry the overlaps, spacing findings and port moves a crowded host has.
 */
export function writeSyntheticHome(home, count) {
  const spacing = Math.max(1, Math.min(120, Math.floor((HIGHEST_BASE - LOWEST_BASE) / count)));
  for (let index = 0; index < count; index += 1) {
    const dir = path.join(home, `.openclaw-p${index}`);
    fs.mkdirSync(dir, { recursive: true });
    const config = { gateway: { port: LOWEST_BASE + index * spacing }, agents: { defaults: { workspace: path.join(dir, 'workspace') } } };
    fs.writeFileSync(path.join(dir, 'openclaw.json'), JSON.stringify(config));
  }
}
