// The official SARIF 2.1.0 schema as a validator for the tests (vendored in test/report/formats/).
/**
 * The official OASIS SARIF 2.1.0 schema (errata01, OASIS Standard), vendored verbatim from
 * https://github.com/oasis-tcs/sarif-spec/blob/a560296ca8c921f3bdb8d4a8db57ab83dae968a7/sarif-2.1/schema/sarif-schema-2.1.0.json
 * (its `id`: https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
 * It declares draft-04 with `id`, but uses nothing draft-04-specific, so it is compiled as draft-07 with `$id`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

const official = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'report', 'formats', 'sarif-schema-2.1.0.json'), 'utf8'),
) as { id: string; $schema: string } & Record<string, unknown>;
// Draft-04 by declaration, nothing draft-04-specific inside: compiled as draft-07.
const { id, $schema: _draft04, ...body } = official;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));

/** Validates a parsed SARIF log against the official 2.1.0 schema; `validateSarif.errors` says why not. */
export const validateSarif = ajv.compile({ ...body, $schema: 'http://json-schema.org/draft-07/schema#', $id: id });
