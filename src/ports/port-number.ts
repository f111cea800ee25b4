// What a TCP port number is: a whole number from 1 to 65535.

export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** A port from a value that may be anything (a config field, a parsed string); null when it is not one. */
export function asPort(value: unknown): number | null {
  return isPortNumber(value) ? value : null;
}
