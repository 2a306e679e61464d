import { describe, expect, it } from 'vitest';
import { PREVIEW_LENGTH, previewText } from '@/features/plans/components/task-tree/result-preview';

describe('previewText', () => {
  it('keeps a short result whole', () => {
    expect(previewText('Done.\n\nAll good.')).toBe('Done.\n\nAll good.');
  });

  it('cuts a long result at a line break within the limit and says so', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `Line ${i} of the result.`);
    const text = previewText(lines.join('\n'));
    expect(text.length).toBeLessThanOrEqual(PREVIEW_LENGTH + 3);
    expect(text.endsWith('\n\n…')).toBe(true);
    expect(text.split('\n\n…')[0]!.split('\n').every((line) => lines.includes(line))).toBe(true);
  });

  it('cuts a long result without line breaks at the limit', () => {
    expect(previewText('x'.repeat(2 * PREVIEW_LENGTH))).toBe(`${'x'.repeat(PREVIEW_LENGTH)}\n\n…`);
  });
});
