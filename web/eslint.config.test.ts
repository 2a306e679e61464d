import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const webRoot = dirname(fileURLToPath(import.meta.url));
const eslint = new ESLint({ cwd: webRoot });

// Lints `code` as if it were the file at `filePath` (which need not exist) and returns its problems' rule ids.
async function ruleIds(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.map((message) => message.ruleId) ?? [];
}

describe('lint', () => {
  it('finds no problem in the web app', { timeout: 180_000 }, async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.filter((result) => result.errorCount + result.warningCount > 0);
    const formatter = await eslint.loadFormatter('stylish');
    expect(await formatter.format(problems)).toBe('');
  });

  describe('feature boundaries', () => {
    // Each import names a file that exists: an import that resolves to nothing is never checked.
    const cases = [
      { from: 'src/features/plans/components/x.tsx', to: 'src/features/patterns/api/get-patterns.ts', allowed: false },
      { from: 'src/features/plans/components/x.tsx', to: 'src/features/plans/api/get-plan.ts', allowed: true },
      { from: 'src/features/plans/components/x.tsx', to: 'src/lib/api-client.ts', allowed: true },
      { from: 'src/features/plans/components/x.tsx', to: 'src/testing/test-utils.tsx', allowed: false },
      { from: 'src/features/plans/components/x.test.tsx', to: 'src/testing/test-utils.tsx', allowed: true },
      { from: 'src/features/plans/components/x.tsx', to: 'src/app/router.tsx', allowed: false },
      { from: 'src/app/routes/x.tsx', to: 'src/features/plans/api/get-plan.ts', allowed: true },
      { from: 'src/components/x.tsx', to: 'src/features/plans/api/get-plan.ts', allowed: false },
      { from: 'src/lib/x.ts', to: 'src/app/router.tsx', allowed: false },
      { from: 'src/testing/x.ts', to: 'src/features/plans/api/get-plan.ts', allowed: false },
    ];

    it.each(cases)('$from importing $to: allowed $allowed', async ({ from, to, allowed }) => {
      expect(existsSync(join(webRoot, to))).toBe(true);
      const specifier = `@/${to.replace(/^src\//, '').replace(/\.tsx?$/, '')}`;
      const ids = await ruleIds(from, `import * as target from '${specifier}';\nexport const used = target;\n`);
      expect(ids).toEqual(allowed ? [] : ['boundaries/dependencies']);
    });

    it('sees a relative import across features', async () => {
      const ids = await ruleIds(
        'src/features/plans/components/x.tsx',
        "import * as target from '../../patterns/api/get-patterns';\nexport const used = target;\n",
      );
      expect(ids).toEqual(['boundaries/dependencies']);
    });
  });

  it('enforces the rules of hooks', async () => {
    const ids = await ruleIds(
      'src/hooks/use-x.ts',
      "import { useState } from 'react';\nexport function useX(on: boolean) {\n  if (on) useState(0);\n}\n",
    );
    expect(ids).toEqual(['react-hooks/rules-of-hooks']);
  });
});
