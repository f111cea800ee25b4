// Redaction of secrets in anything clawdoc prints: command lines, URLs, probe snippets.

const REDACTED = '***';

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // user:password@ in URLs
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, `$1${REDACTED}@`],
  // --token X, --password=X, --api-key X and similar flags
  [/(--?[\w-]*(?:token|password|passwd|secret|api-?key|auth)[\w-]*)(=|\s+)(?!-)("[^"]*"|'[^']*'|\S+)/gi, `$1$2${REDACTED}`],
  // token=... in query strings and env assignments
  [/\b([\w-]*(?:token|password|passwd|secret|api[_-]?key|auth)[\w-]*)=([^\s&"']+)/gi, `$1=${REDACTED}`],
  // Authorization: Bearer x
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // Telegram bot tokens (digits:35 chars) wherever they appear
  [/\b\d{6,}:[A-Za-z0-9_-]{30,}\b/g, REDACTED],
];

export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Removes exact secret values known to the run (tokens read from configs) from a text. */
export function redactKnown(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result;
}
