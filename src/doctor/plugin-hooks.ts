// Module hooks for plugins: `clawdoc` and `clawdoc/plugin` resolve to the running clawdoc from any plugin file, installed or not.
interface HookData {
  specifiers: Record<string, string>;
}

let specifiers: Record<string, string> = {};

export function initialize(data: HookData): void {
  specifiers = data.specifiers;
}

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  const url = specifiers[specifier];
  return url ? { url, shortCircuit: true } : nextResolve(specifier, context);
}
