// Redaction by the shape of a field or flag: credentials never reach the output, ports and paths do.
import { describe, expect, it } from 'vitest';
import { isSecretName, redact, redactArgv, redactKnown } from '../src/redact.js';

describe('redact', () => {
  it.each([
    ['openclaw-gateway --token s3cr3t-value --port 1', 'openclaw-gateway --token *** --port 1'],
    ['node gw.js --password=hunter2', 'node gw.js --password=***'],
    ['ws://admin:pa55@127.0.0.1:9222/devtools', 'ws://***@127.0.0.1:9222/devtools'],
    // Every query value goes, whatever its name.
    ['GET /x?token=abc123&y=1', 'GET /x?token=***&y=***'],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer ***'],
    ['bot 123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0 here', 'bot *** here'],
    ['OPENCLAW_GATEWAY_TOKEN=xyz node', 'OPENCLAW_GATEWAY_TOKEN=*** node'],
  ])('%s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it.each([
    // flag names with any separator
    ['node gw.js --auth.token AAA --port 5', 'node gw.js --auth.token *** --port 5'],
    ['node gw.js --api_key AAA', 'node gw.js --api_key ***'],
    ['node gw.js --key AAA --port 5', 'node gw.js --key *** --port 5'],
    ['node gw.js --auth-token:AAA --port 5', 'node gw.js --auth-token:*** --port 5'],
    ['node gw.js --client-secret=AAA', 'node gw.js --client-secret=***'],
    ['node gw.js -credential AAA', 'node gw.js -credential ***'],
    ['node gw.js --sig AAA', 'node gw.js --sig ***'],
    // -t is a token; -p a password unless its value is port-shaped
    ['relay -t AAA -v', 'relay -t *** -v'],
    ['relay -t=AAA', 'relay -t=***'],
    ['mysql -p hunter2 db', 'mysql -p ***'],
    ['ssh -p 22 host', 'ssh -p 22 host'],
    ['docker run -p 127.0.0.1:8080:80/tcp img', 'docker run -p 127.0.0.1:8080:80/tcp img'],
    ['socat -p 9000-9010', 'socat -p 9000-9010'],
    // a quoted value with spaces, and the same value after argv was joined with spaces
    ['node gw.js --password "two words" --port 1', 'node gw.js --password *** --port 1'],
    ['node gw.js --password two words --port 1', 'node gw.js --password *** --port 1'],
    ["node gw.js --token='a b c'", 'node gw.js --token=***'],
    // a negative number is a value, not the next flag
    ['node gw.js --token -1x', 'node gw.js --token ***'],
    // URL query parameters in any URL, a remote cdpUrl included
    ['wss://browserless.example/devtools?key=abc&t=def', 'wss://browserless.example/devtools?key=***&t=***'],
    ['https://h.example/p?sig=S1&x=2', 'https://h.example/p?sig=***&x=***'],
    ['https://h.example/cb#access_token=abc&state=1', 'https://h.example/cb#access_token=***&state=***'],
    ['https://h.example/p?opaque-token-value', 'https://h.example/p?***'],
    ['see https://docs.example/page#section', 'see https://docs.example/page#section'],
    ['{"apiKey":"abc","port":1}', '{"apiKey":"***","port":1}'],
    // each line stands alone
    ['--token X\nnext line', '--token ***\nnext line'],
  ])('%s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('leaves plain command lines, ports and negative numbers alone', () => {
    expect(redact('python3 -m http.server 19791')).toBe('python3 -m http.server 19791');
    expect(redact('node x --keep-alive 5 --timeout -1')).toBe('node x --keep-alive 5 --timeout -1');
    expect(redact('is this a question? yes')).toBe('is this a question? yes');
  });

  it('removes known secret values wherever they appear', () => {
    expect(redactKnown('a TOKEN-123 b TOKEN-123', ['TOKEN-123'])).toBe('a *** b ***');
  });
});

describe('redactArgv', () => {
  it('hides exactly the value argument and quotes arguments with spaces', () => {
    expect(redactArgv(['node', '/opt/open claw/gw.js', '--password', 'two words', 'gateway', '--port', '1', '--auth-token=x y', '-p', '22'])).toBe(
      'node "/opt/open claw/gw.js" --password *** gateway --port 1 --auth-token=*** -p 22',
    );
  });
});

describe('isSecretName', () => {
  it('knows credential names in any case and separator', () => {
    expect(['botToken', 'apiKey', 'api_key', 'appPassword', 'botSecret', 'OPENCLAW_GATEWAY_PASSWORD', 'auth.token', 'credentials'].every(isSecretName)).toBe(
      true,
    );
    expect(['port', 'bind', 'workspace', 'cdpUrl', 'enabled'].some(isSecretName)).toBe(false);
  });
});
