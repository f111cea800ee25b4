// Installs what the end-to-end tests need, so `npm run test:e2e` works on a fresh machine: OpenClaw (with Node 26) and Chromium.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function setup(): void {
  execFileSync('bash', [path.join(root, 'scripts/install-openclaw.sh')], { stdio: 'inherit' });
  execFileSync('bash', [path.join(root, 'scripts/install-chromium.sh')], { stdio: 'inherit' });
  // The e2e tests run the compiled CLI (bin/clawdoc.js), under Node 20 and Node 26.
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
