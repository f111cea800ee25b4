// Validates clawdoc's JSON output against the schema shipped in the package.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { ROOT } from './runtime.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateDoctor = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/doctor.schema.json'), 'utf8')) as object);

/** Returns the schema errors of a `doctor --json` document, empty when it is valid. */
export function doctorSchemaErrors(document: unknown): string[] {
  if (validateDoctor(document)) return [];
  return (validateDoctor.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
