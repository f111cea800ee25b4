// Reading an argument vector the way CLIs parse it: `--flag value` and `--flag=value`.

/** The value of `flag` in `argv`, or null when it is absent. */
export function argValue(argv: readonly string[], flag: string): string | null {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === flag) return argv[index + 1] ?? null;
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return null;
}
