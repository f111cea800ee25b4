// Validates clawdoc's JSON output against the schemas shipped in the package, one per command.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const schemaDir = path.join(ROOT, 'schema');
const validators = new Map<string, ValidateFunction>();
ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, 'envelope.schema.json'), 'utf8')) as object);
for (const file of fs.readdirSync(schemaDir).filter((name) => name !== 'envelope.schema.json')) {
  validators.set(file.replace(/\.schema\.json$/, ''), ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8')) as object));
}
const validateFailure = ajv.compile({ $ref: 'https://clawdoc.dev/schema/envelope.schema.json#/definitions/failure' });

function errorsOf(validate: ValidateFunction, document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** The schema errors of any `--json` document, chosen by its `command` field; empty when it is valid. */
export function jsonSchemaErrors(document: unknown): string[] {
  const command = (document as { command?: unknown } | null)?.command;
  if (command === null) return errorsOf(validateFailure, document);
  const validate = typeof command === 'string' ? validators.get(command.replace(' ', '-')) : undefined;
  if (!validate) return [`no schema for command ${JSON.stringify(command)}`];
  return errorsOf(validate, document);
}

/** Returns the schema errors of a `doctor --json` document, empty when it is valid. */
export function doctorSchemaErrors(document: unknown): string[] {
  return errorsOf(validators.get('doctor')!, document);
}
