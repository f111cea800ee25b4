// Finds Chromium as scripts/install-chromium.sh does: `command -v chromium` on PATH, else /usr/bin/chromium.
import fs from 'node:fs';
import path from 'node:path';

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Chromium the CDP tests launch, or null when this host has none (the tests are then skipped, visibly). */
export function findChromium(envPath: string | undefined = process.env.PATH): string | null {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    // An empty PATH entry means the current directory, as in the shell.
    const candidate = path.resolve(dir || '.', 'chromium');
    if (isExecutableFile(candidate)) return candidate;
  }
  return isExecutableFile('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/** Arguments for a headless Chromium that opens a debugging port and stays off the network. */
export function headlessChromiumArgs(cdpPort: number, userDataDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--remote-debugging-port=${cdpPort}`,
    `--user-data-dir=${userDataDir}`,
    'about:blank',
  ];
}
