// Control, bidi and invisible characters in values made visible (`\x1b`, `\u202e`) before they reach a terminal.

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// C0 controls, DEL, C1 controls, the Arabic letter mark, zero-width marks, line/paragraph separators,
// bidi embeddings/overrides/isolates, the word joiner family and the BOM: each can rewrite what a terminal shows.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `text` with every character a terminal would act on or hide written as an escape, so it prints as it is. */
export function visible(text: string): string {
  return text.replace(HIDDEN, (char) => {
    const named = NAMED[char];
    if (named) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** `visible` for each line of a text whose own line breaks are the renderer's. */
export function visibleLines(text: string): string {
  return text.split('\n').map(visible).join('\n');
}

/**
 * A copy of `value` with `visible` applied to every string in it, object keys included. Text renderers get
 * their data through this, once, at the command: escaping each value where a renderer interpolates it would
 * miss the next field someone adds, and escaping the finished text would also escape the renderer's own
 * newlines and colours. Shared objects stay shared (profiles in both `model.profiles` and `focus`).
 */
export function visibleAll<T>(value: T): T {
  const seen = new Map<object, unknown>();
  const copy = (item: unknown): unknown => {
    if (typeof item === 'string') return visible(item);
    if (item === null || typeof item !== 'object') return item;
    if (seen.has(item)) return seen.get(item);
    if (Array.isArray(item)) {
      const array: unknown[] = [];
      seen.set(item, array);
      for (const element of item) array.push(copy(element));
      return array;
    }
    if (!isPlainObject(item)) return item;
    const object: Record<string, unknown> = {};
    seen.set(item, object);
    for (const [key, field] of Object.entries(item)) object[visible(key)] = copy(field);
    return object;
  };
  return copy(value) as T;
}
