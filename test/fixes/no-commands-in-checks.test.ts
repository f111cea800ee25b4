// Conformance: no check builds a shell command itself; every command comes from a helper in src/fixes/, which quotes it.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/runtime.js';

// Programs whose command lines fixes print. A literal that starts with one (`rm ${file}`, 'unset X') is a command.
const COMMAND = /^(openclaw|clawdoc|systemctl|launchctl|schtasks|journalctl|kill|mv|cp|rm|mkdir|unset|echo|sudo|chown|ls|apt-get)\s/;
// Helpers whose result is not a command, so text after them is prose.
const NOT_COMMANDS = new Set(['tildePath', 'profileFlagName', 'freeCdpBandPort', 'fixOf', 'safeCommands']);
// Quoting belongs to the renderers: a check that quotes is assembling a command.
const QUOTING = new Set(['shellQuote', 'quotePosix', 'quoteWindows', 'renderPosix', 'renderWindows', 'renderCommand']);
const HOLE = '\u0000';

interface Offence {
  file: string;
  line: number;
  text: string;
  why: string;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The literal's text with every `${...}` as a hole, and the expressions of its holes. */
function literalText(node: ts.Node): { text: string; holes: ts.Expression[] } | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { text: node.text, holes: [] };
  if (ts.isTemplateExpression(node)) {
    return {
      text: node.head.text + node.templateSpans.map((span) => HOLE + span.literal.text).join(''),
      holes: node.templateSpans.map((span) => span.expression),
    };
  }
  return null;
}

function calleeName(expression: ts.Expression): string | null {
  if (!ts.isCallExpression(expression)) return null;
  const callee = expression.expression;
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
}

function isCommandHelper(name: string | null): boolean {
  return (
    name !== null &&
    !NOT_COMMANDS.has(name) &&
    /^(openclaw|config|start|restart|kill|rename|remove|copy|move|unset|add|list|chown|replace|reinstall|install|rerun)/.test(name)
  );
}

/** Every way a piece of source could build a command by hand; a pure function of the source, so it is tested on snippets too. */
export function offences(file: string, source: string): Offence[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true);
  const found: Offence[] = [];
  // `const cli = openclawAt(profile)` then `${cli} config validate`: the variable holds a command too.
  const commandVariables = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isCommandHelper(calleeName(node.initializer)))
      commandVariables.add(node.name.text);
    ts.forEachChild(node, collect);
  };
  collect(sourceFile);
  const report = (node: ts.Node, why: string) =>
    found.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1, text: node.getText(sourceFile).slice(0, 120), why });
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && QUOTING.has(node.text)) report(node, 'quotes by hand: quoting belongs to src/fixes/');
    const literal = literalText(node);
    if (literal) {
      const { text, holes } = literal;
      if (COMMAND.test(text.trimStart())) report(node, 'a literal that is a command');
      // A code span in prose that starts with a program and takes a value is a command built from that value.
      for (const span of text.match(/`[^`]*`/g) ?? []) {
        const inner = span.slice(1, -1);
        if (COMMAND.test(inner) && inner.includes(HOLE)) report(node, 'a command built from a value inside a hint');
      }
      // Text glued onto a helper's command (`${openclawFor(p)} gateway install`) extends it past the quoting.
      const parts = text.split(HOLE).slice(1);
      holes.forEach((hole, i) => {
        const name = ts.isIdentifier(hole) && commandVariables.has(hole.text) ? hole.text : calleeName(hole);
        if ((commandVariables.has(name ?? '') || isCommandHelper(name)) && /^ [A-Za-z-]/.test(parts[i] ?? '')) report(node, `arguments appended to ${name}`);
      });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe('checks build no shell commands', () => {
  it('no file under checks/ builds, quotes or extends a command itself', () => {
    const all = listFiles(path.join(ROOT, 'checks')).flatMap((file) => offences(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')));
    expect(all).toEqual([]);
  });

  it('catches the ways commands used to be built', () => {
    const bad = [
      'const a = { commands: [`rm ${shellQuote(lock.file)}`] };',
      "const b = ['unset OPENCLAW_GATEWAY_PORT'];",
      'const c = `${openclawFor(profile)} gateway install`;',
      'const d = `rename it and use \\`openclaw --profile ${name}\\` from now on`;',
      'const e = `give it back with \\`sudo chown -R "$(id -un)" ${dir}\\``;',
      'const f = `launchctl kickstart gui/$(id -u)/${service.name}`;',
      'const g = `${configSet(profile, key, 1)} --force`;',
      'const cli = openclawAt(profile); const h = `check it with \\`${cli} config validate\\``;',
    ];
    expect(bad.map((snippet) => offences('snippet.ts', snippet).length > 0)).toEqual(bad.map(() => true));
  });

  it('lets prose mention commands with placeholders and name values', () => {
    const fine = [
      "const a = 'select profiles with `openclaw --profile <name>`';",
      'const b = `Start it with \\`${openclawHint(profile, ["gateway"])}\\`, or not.`;',
      'const c = `${profile.name} and ${other.name} share ${tildePath(home, dir)} now`;',
      "const d = 'every openclaw command from this shell talks to that port';",
      'const e = { ...fixOf(() => [removeFile(lock.file, host)]) };',
    ];
    expect(fine.flatMap((snippet) => offences('snippet.ts', snippet))).toEqual([]);
  });
});
