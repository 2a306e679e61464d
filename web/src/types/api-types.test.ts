import { describe, expect, it } from 'vitest';
import { committedTypes, documentNames, generateTypes } from '../../scripts/api-types.mjs';

// The documents themselves are checked against the services by `npm run api:check`, which test.sh runs.
describe('the generated API types', () => {
  it('come from one document per service behind the gateway', () => {
    expect(documentNames()).toEqual(['conversation', 'executor', 'planner', 'promptanalytics']);
  });

  it.each(documentNames())('are what the committed OpenAPI document of %s gives', async (name) => {
    expect(
      committedTypes(name),
      `src/types/generated/${name}.ts is not what openapi/${name}.json gives: run \`npm run api:types\` in web/ and commit it`,
    ).toBe(await generateTypes(name));
  });
});
