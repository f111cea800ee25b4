// Redaction of secrets in anything clawdoc prints: command lines, URLs, probe snippets, problem messages.

const REDACTED = '***';

/** Words that make a flag, variable, query parameter or config key a credential, whatever the separator (`.`, `_`, `-`). */
const SECRET_WORD = /token|passw(?:or)?d|secret|key|auth|sig|credential|cookie/i;

/** True for names such as `--auth.token`, `api_key`, `botToken`, `OPENCLAW_GATEWAY_PASSWORD`. */
export function isSecretName(name: string): boolean {
  return SECRET_WORD.test(name);
}

// A flag is `-x` or `--name`; `-1` is a negative number, a value.
const FLAG = /^--?[A-Za-z]/;
const LONG_FLAG_WITH_VALUE = /^(--?[A-Za-z][\w.-]*)([=:])([\s\S]*)$/;
const BARE_FLAG = /^--?[A-Za-z][\w.-]*$/;
// `-t` is a token flag in many tools. `-p` is a password to mysql-style clients but far more often a
// port (`ssh -p 22`, `docker -p 8080:80`), so its value is hidden unless it is port-shaped.
const SHORT_SECRET_FLAGS = new Set(['-t', '-p']);
const PORT_SHAPED = /^(?:\[[0-9a-f:.]+\]:|(?:\d{1,3}\.){3}\d{1,3}:)?\d{1,5}(?:[-:]\d{1,5})*(?:\/(?:tcp|udp|sctp))?$/i;
// A word, with quoted parts kept whole: `"two words"` is one value.
const WORD = /(?:"[^"]*"|'[^']*'|[^\s"'])+/g;

function isSecretFlag(flag: string): boolean {
  return SHORT_SECRET_FLAGS.has(flag) || (flag.startsWith('--') || flag.length > 2 ? isSecretName(flag.replace(/^--?/, '')) : false);
}

function hidesValue(flag: string, value: string): boolean {
  return !(flag === '-p' && PORT_SHAPED.test(value.replace(/^["']|["']$/g, '')));
}

/**
 * Flags in one line of text. A secret flag's value runs to the next flag: a command line read from
 * /proc or ps has its argv joined with spaces, so `--password "two words"` arrives as
 * `--password two words` and only the next flag tells where the value ends. Hiding a harmless
 * positional argument is the cheaper mistake.
 */
function redactFlags(line: string): string {
  const words = [...line.matchAll(WORD)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
  const cuts: Array<{ start: number; end: number; text: string }> = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    const attached = LONG_FLAG_WITH_VALUE.exec(word.text);
    let hideFrom = -1;
    if (attached && isSecretFlag(attached[1]!) && attached[3] !== '' && hidesValue(attached[1]!, attached[3]!)) {
      cuts.push({ start: word.start + attached[1]!.length + 1, end: word.end, text: REDACTED });
      hideFrom = index + 1;
    } else if (BARE_FLAG.test(word.text) && isSecretFlag(word.text)) {
      const next = words[index + 1];
      if (next && !FLAG.test(next.text) && hidesValue(word.text, next.text)) {
        cuts.push({ start: next.start, end: next.end, text: REDACTED });
        hideFrom = index + 2;
      }
    }
    if (hideFrom === -1) continue;
    let last = hideFrom;
    while (last < words.length && !FLAG.test(words[last]!.text)) last += 1;
    if (last > hideFrom) cuts.push({ start: words[hideFrom - 1]!.end, end: words[last - 1]!.end, text: '' });
    index = last - 1;
  }
  let result = line;
  for (const cut of cuts.sort((a, b) => b.start - a.start)) result = result.slice(0, cut.start) + cut.text + result.slice(cut.end);
  return result;
}

/**
 * Every query (and fragment) parameter value of every URL is hidden, whatever its name: credential
 * parameters have no fixed names (`key`, `t`, `sig`, `X-Amz-Signature`, `code`), and no finding
 * needs a query value to say which listener or browser it is about: scheme, host, port and path do.
 */
function redactQuery(text: string): string {
  // A value runs to whitespace or a quote, like a shell word: in an HTML snippet the tag after it goes too.
  return text.replace(/(?<=[^\s?#])([?#])([^\s"'`]+)/g, (whole, mark: string, query: string) => {
    // A fragment without parameters (`#section`) is an anchor, not data.
    if (mark === '#' && !query.includes('=')) return whole;
    const parts = query.split(/([&;])/).map((part, index) => {
      if (index % 2 === 1 || part === '') return part;
      const eq = part.indexOf('=');
      if (eq === -1) return REDACTED;
      return eq === part.length - 1 ? part : `${part.slice(0, eq + 1)}${REDACTED}`;
    });
    return `${mark}${parts.join('')}`;
  });
}

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // user:password@ in URLs
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, `$1${REDACTED}@`],
  // TOKEN=... env assignments and key: value pairs
  [/\b([\w.-]*(?:token|passw(?:or)?d|secret|key|auth|sig|credential|cookie)[\w.-]*)=(?!\*\*\*)("[^"]*"|'[^']*'|[^\s&"']+)/gi, `$1=${REDACTED}`],
  // "apiKey": "..." in JSON bodies and snippets
  [/("[\w.-]*(?:token|passw(?:or)?d|secret|key|auth|sig|credential|cookie)[\w.-]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
  // Authorization: Bearer x
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // Telegram bot tokens (digits:35 chars) wherever they appear
  [/\b\d{6,}:[A-Za-z0-9_-]{30,}\b/g, REDACTED],
];

export function redact(text: string): string {
  let result = text.split('\n').map(redactFlags).join('\n');
  result = redactQuery(result);
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/**
 * A command line from its argv, secrets hidden: better than `redact(argv.join(' '))` when the argv is
 * known, since each value is exactly one argument. Arguments with spaces are shown quoted.
 */
export function redactArgv(argv: readonly string[]): string {
  const shown: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const attached = LONG_FLAG_WITH_VALUE.exec(arg);
    if (attached && isSecretFlag(attached[1]!) && attached[3] !== '' && hidesValue(attached[1]!, attached[3]!)) {
      shown.push(`${attached[1]}${attached[2]}${REDACTED}`);
      continue;
    }
    shown.push(quoteIfSpaced(redact(arg)));
    const next = argv[index + 1];
    if (BARE_FLAG.test(arg) && isSecretFlag(arg) && next !== undefined && !FLAG.test(next) && hidesValue(arg, next)) {
      shown.push(REDACTED);
      index += 1;
    }
  }
  return shown.join(' ');
}

function quoteIfSpaced(arg: string): string {
  return /\s/.test(arg) || arg === '' ? `"${arg.replace(/(["\\])/g, '\\$1')}"` : arg;
}

/** Removes exact secret values known to the run (tokens read from configs) from a text. */
export function redactKnown(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result;
}
