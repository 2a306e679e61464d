import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArtifactCanvas } from '@/features/canvas/components/artifact-canvas';
import { makeArtifact } from '@/testing/data-generators';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';
import type { ArtifactContent } from '@/types/api';

const path = '/api/plans/p1/tasks/t1/artifacts/a1';

const snippet: ArtifactContent = {
  id: 'a1',
  planId: 'p1',
  taskId: 't1',
  name: 'snippet.py',
  kind: 'code',
  language: 'python',
  version: 1,
  edited: false,
  fileName: 'snippet.py',
  content: 'def answer():\n    return 1',
};

function renderCanvas() {
  return renderWithProviders(
    <ArtifactCanvas
      planId="p1"
      taskId="t1"
      taskTitle="Write the code"
      artifacts={[
        makeArtifact({ id: 'a0', name: 'Result' }),
        makeArtifact({ id: 'a1', name: 'snippet.py', kind: 'code', language: 'python' }),
      ]}
      artifactId="a1"
      onSelect={() => {}}
      onClose={() => {}}
    />,
  );
}

function typeInEditor(text: string) {
  const content = screen.getByRole('textbox', { name: 'Edit snippet.py' });
  const view = EditorView.findFromDOM(content.closest('.cm-editor') as HTMLElement);
  if (!view) throw new Error('no editor');
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

describe('ArtifactCanvas', () => {
  // jsdom has no layout: CodeMirror measures text ranges, which jsdom does not implement.
  beforeAll(() => {
    const empty = { length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] } as unknown as DOMRectList;
    Range.prototype.getClientRects ??= () => empty;
    Range.prototype.getBoundingClientRect ??= () => new DOMRect();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens a code artifact in the editor and saves an edit as the next version', async () => {
    const server = mockFetch();
    server.get(path, snippet);
    server.put(path, ({ body }) => json({ ...snippet, ...(body as object), version: 2, edited: true }));
    renderCanvas();

    expect(await screen.findByRole('textbox', { name: 'Edit snippet.py' })).toHaveTextContent('def answer():');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    typeInEditor('def answer():\n    return 2');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByText(/v2/)).toBeInTheDocument());
    expect(server.calls.find((call) => call.method === 'PUT')?.body).toEqual({ content: 'def answer():\n    return 2', version: 1 });
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('says so when someone saved a newer version, and keeps the edit', async () => {
    const server = mockFetch();
    server.get(path, snippet);
    server.put(path, () => problem(409, "'snippet.py' is at version 2, not 1: reload it and edit the current version.", 'Conflict'));
    renderCanvas();

    await screen.findByRole('textbox', { name: 'Edit snippet.py' });
    typeInEditor('mine');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Someone saved a newer version');
    expect(screen.getByRole('button', { name: 'Load the newer version' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Edit snippet.py' })).toHaveTextContent('mine');
  });

  it('shows a markdown artifact rendered, never as HTML', async () => {
    const server = mockFetch();
    server.get('/api/plans/p1/tasks/t1/artifacts/a0', {
      ...snippet,
      id: 'a0',
      name: 'Result',
      kind: 'markdown',
      language: null,
      fileName: 'result.md',
      content: '# Title\n\n<img src=x onerror="window.pwned=true">',
    });
    const { container } = renderWithProviders(
      <ArtifactCanvas planId="p1" taskId="t1" taskTitle="T" artifacts={[]} artifactId="a0" onSelect={() => {}} onClose={() => {}} />,
    );

    expect(await screen.findByRole('heading', { name: 'Title' })).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });
});
