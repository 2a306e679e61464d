// Fails when the web's API types drifted from the services: writes every service's OpenAPI document afresh into a
// temporary directory, generates the types from them, and compares both with the committed web/openapi and
// src/types/generated. Its last line reads "api-drift: N passed, N failed" (one check per file).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeDocuments } from './api-documents.mjs';
import { documentNames, documentsDirectory, generateTypes, typesDirectory } from './api-types.mjs';

const web = join(documentsDirectory, '..');
const fresh = mkdtempSync(join(tmpdir(), 'openapi-'));
let passed = 0;
const failures = [];

function compare(file, expected) {
  const committed = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (committed === expected) passed++;
  else failures.push(`${relative(web, file)} ${committed === null ? 'is missing' : 'differs from what the services describe'}`);
}

try {
  writeDocuments(fresh);
  const names = documentNames(fresh);
  for (const name of names) {
    compare(join(documentsDirectory, `${name}.json`), readFileSync(join(fresh, `${name}.json`), 'utf8'));
    compare(join(typesDirectory, `${name}.ts`), await generateTypes(name, fresh));
  }
  for (const stale of documentNames().filter((name) => !names.includes(name))) {
    failures.push(`openapi/${stale}.json belongs to no service`);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}

for (const failure of failures) console.error(`API drift: ${failure}.`);
if (failures.length > 0) {
  console.error('Run `npm run api` in web/ to write the documents and types again, then commit them.');
  process.exitCode = 1;
}
console.log(`api-drift: ${passed} passed, ${failures.length} failed`);
