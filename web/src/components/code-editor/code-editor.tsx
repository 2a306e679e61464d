import { useEffect, useLayoutEffect, useRef } from 'react';
import { css } from '@codemirror/lang-css';
import { html } from '@codemirror/lang-html';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { python } from '@codemirror/lang-python';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useStableCallback } from '@/hooks/use-stable-callback';
import './code-editor.css';

/** The highlighting for a fenced block's language name; plain text when it is not one we know. */
export function languageSupport(language: string | null | undefined): Extension {
  switch ((language ?? '').toLowerCase()) {
    case 'js':
    case 'javascript':
    case 'mjs':
    case 'cjs':
      return javascript();
    case 'jsx':
      return javascript({ jsx: true });
    case 'ts':
    case 'typescript':
      return javascript({ typescript: true });
    case 'tsx':
      return javascript({ typescript: true, jsx: true });
    case 'py':
    case 'python':
      return python();
    case 'md':
    case 'markdown':
      return markdown();
    case 'json':
      return json();
    case 'css':
      return css();
    case 'html':
    case 'xml':
      return html();
    default:
      return [];
  }
}

type CodeEditorProps = {
  value: string;
  language: string | null | undefined;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+S in the editor. */
  onSave?: () => void;
  label: string;
};

/** A CodeMirror 6 editor: line numbers, highlighting, undo history, search; the text is the caller's. */
export function CodeEditor({ value, language, onChange, onSave, label }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useStableCallback(onChange);
  const save = useStableCallback(() => onSave?.());
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
  });

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: latest.current,
        extensions: [
          keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (save(), true) }]),
          basicSetup,
          languageSupport(language),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      view.current = null;
      editor.destroy();
    };
  }, [language, label, changed, save]);

  // A new value from outside (a reload, a revert) replaces the text; the editor's own changes already match it.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="code-editor" ref={host} data-testid="code-editor" />;
}
