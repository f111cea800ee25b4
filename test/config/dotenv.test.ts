import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDotEnv, readStateDotEnv, withDotEnv } from '../../src/config/dotenv.js';
import { loadConfig } from '../../src/config/load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('<stateDir>/.env', () => {
  it("parses dotenv's lines: export, quotes, comments, multi-line double quotes", () => {
    expect(
      parseDotEnv(
        [
          '# comment',
          'export A=1',
          "B='two words'",
          'C="line\\nbreak"',
          'D=plain # trailing comment',
          'E=',
          '  F = spaced  ',
          'bad-key=x',
          'G="multi',
          'line"',
        ].join('\n'),
      ),
    ).toEqual({ A: '1', B: 'two words', C: 'line\nbreak', D: 'plain', E: '', F: 'spaced', G: 'multi\nline' });
  });

  it('fills ${VAR} from .env, with the process environment winning, so the missing-variable problem clears', () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-dotenv-'));
    dirs.push(stateDir);
    fs.writeFileSync(path.join(stateDir, 'openclaw.json'), '{ gateway: { auth: { token: "${GW_TOKEN}" } }, logging: { file: "${LOG_FILE}" } }');
    fs.writeFileSync(path.join(stateDir, '.env'), 'GW_TOKEN=from-dotenv\nLOG_FILE=/from/dotenv.log\n');
    const env = withDotEnv({ LOG_FILE: '/from/shell.log' }, readStateDotEnv(stateDir));
    const loaded = loadConfig(path.join(stateDir, 'openclaw.json'), env);
    expect(loaded.problems).toEqual([]);
    expect(loaded.config).toEqual({ gateway: { auth: { token: 'from-dotenv' } }, logging: { file: '/from/shell.log' } });
  });

  it('reads nothing from a missing or non-regular .env', () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-dotenv-'));
    dirs.push(stateDir);
    expect(readStateDotEnv(stateDir)).toEqual({});
    fs.mkdirSync(path.join(stateDir, '.env'));
    expect(readStateDotEnv(stateDir)).toEqual({});
  });
});
