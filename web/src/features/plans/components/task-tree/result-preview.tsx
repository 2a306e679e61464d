import { lazy, Suspense } from 'react';
import type { Task } from '@/types/api';

// Markdown's code (a parser and its plugins) loads the first time a result is previewed.
const Markdown = lazy(() => import('@/components/markdown/markdown').then((m) => ({ default: m.Markdown })));

/** How much of a result the preview shows; the task panel and the canvas show all of it. */
export const PREVIEW_LENGTH = 800;

export function previewText(result: string): string {
  if (result.length <= PREVIEW_LENGTH) return result;
  const cut = result.lastIndexOf('\n', PREVIEW_LENGTH);
  return `${result.slice(0, cut > PREVIEW_LENGTH / 2 ? cut : PREVIEW_LENGTH).trimEnd()}\n\n…`;
}

type ResultPreviewProps = { task: Task; x: number; y: number };

/**
 * A finished task's result beside its card while the pointer is on it, rendered as Markdown like everywhere else (raw HTML
 * shown as text, nothing loaded or run), the start of it only. Until Markdown's code has loaded, the text as written.
 */
export function ResultPreview({ task, x, y }: ResultPreviewProps) {
  const text = previewText(task.result ?? task.summary ?? '');
  return (
    <div className="result-preview" style={{ left: x, top: y }} role="tooltip" data-testid="result-preview">
      <div className="result-preview__title">{task.title}</div>
      <Suspense fallback={<p className="result-preview__plain">{text}</p>}>
        <Markdown text={text} />
      </Suspense>
    </div>
  );
}
