// The profile-name port hash OpenClaw uses (2026.8+) when a named profile has no port configured.

const FNV_OFFSET_BASIS = 2166136261;
const FNV_PRIME = 16777619;

export const DEFAULT_GATEWAY_PORT = 18789;
export const DEV_GATEWAY_PORT = 19001;
const HASH_PORT_FLOOR = 20000;
const HASH_PORT_SPAN = 40000;

/** FNV-1a 32-bit over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  }
  return hash;
}

/** `20000 + fnv1a32(name) % 40000`: case-sensitive, so `Rescue` and `rescue` differ. */
export function profileHashPort(profileName: string): number {
  return HASH_PORT_FLOOR + (fnv1a32(profileName) % HASH_PORT_SPAN);
}
