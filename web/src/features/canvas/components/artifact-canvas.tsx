import { useState } from 'react';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { Markdown } from '@/components/markdown/markdown';
import { Spinner } from '@/components/ui/spinner';
import { useArtifact, useSaveArtifact } from '@/features/canvas/api/artifacts';
import { downloadText } from '@/features/canvas/lib/download';
import { ApiError, describeError } from '@/lib/api-client';
import type { ArtifactContent, ArtifactSummary } from '@/types/api';
import './artifact-canvas.css';

type ArtifactCanvasProps = {
  planId: string;
  taskId: string;
  taskTitle: string;
  artifacts: ArtifactSummary[];
  artifactId: string;
  onSelect: (artifactId: string) => void;
  onClose: () => void;
};

/** What a task produced, beside its chat: one tab per artifact, rendered or in an editor, with copy, download and save. */
export function ArtifactCanvas({ planId, taskId, taskTitle, artifacts, artifactId, onSelect, onClose }: ArtifactCanvasProps) {
  const artifact = useArtifact(planId, taskId, artifactId);
  return (
    <section className="canvas" aria-label="Canvas">
      <header className="canvas__head">
        <div className="canvas__title">
          <span className="section-label">Canvas</span>
          <span className="canvas__task" title={taskTitle}>
            {taskTitle}
          </span>
        </div>
        <button type="button" className="btn btn--sm btn--ghost" onClick={onClose} aria-label="Close the canvas">
          Close
        </button>
      </header>
      <div className="canvas__tabs" role="tablist" aria-label="Artifacts">
        {artifacts.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            role="tab"
            aria-selected={candidate.id === artifactId}
            className={`canvas__tab${candidate.id === artifactId ? ' is-active' : ''}`}
            onClick={() => onSelect(candidate.id)}
          >
            {candidate.name}
            {candidate.edited && <span className="canvas__edited" aria-label="edited"> •</span>}
          </button>
        ))}
      </div>
      {artifact.isPending ? (
        <div className="canvas__state">
          <Spinner label="Loading the artifact" />
        </div>
      ) : artifact.isError ? (
        <div className="canvas__state" role="alert">
          {describeError(artifact.error)}
        </div>
      ) : (
        <ArtifactView
          key={`${artifact.data.id}:${artifact.data.version}`}
          artifact={artifact.data}
          onReload={() => void artifact.refetch()}
        />
      )}
    </section>
  );
}

function ArtifactView({ artifact, onReload }: { artifact: ArtifactContent; onReload: () => void }) {
  const save = useSaveArtifact(artifact.planId, artifact.taskId, artifact.id);
  const [draft, setDraft] = useState(artifact.content);
  const [editing, setEditing] = useState(artifact.kind === 'code');
  const [copied, setCopied] = useState(false);
  const dirty = draft !== artifact.content;
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const submit = () => {
    if (dirty && !save.isPending) save.mutate({ content: draft, version: artifact.version });
  };

  return (
    <div className="canvas__artifact">
      <div className="canvas__toolbar">
        <span className="canvas__meta">
          <strong>{artifact.fileName}</strong>
          <span className="faint">
            {artifact.kind}
            {artifact.language ? ` · ${artifact.language}` : ''} · v{artifact.version}
            {artifact.edited ? ' · edited' : ''}
          </span>
        </span>
        <span className="canvas__actions">
          {artifact.kind === 'markdown' && (
            <button type="button" className="btn btn--sm btn--ghost" onClick={() => setEditing((on) => !on)}>
              {editing ? 'Preview' : 'Edit'}
            </button>
          )}
          <button
            type="button"
            className="btn btn--sm btn--ghost"
            onClick={() =>
              void navigator.clipboard?.writeText(draft).then(() => {
                setCopied(true);
                window.setTimeout(() => setCopied(false), 1500);
              })
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="btn btn--sm btn--ghost" onClick={() => downloadText(artifact.fileName, draft)}>
            Download
          </button>
          {dirty && (
            <button type="button" className="btn btn--sm btn--ghost" onClick={() => setDraft(artifact.content)}>
              Revert
            </button>
          )}
          <button type="button" className="btn btn--sm btn--primary" disabled={!dirty || save.isPending} onClick={submit}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </span>
      </div>
      {save.isError && (
        <div className="canvas__problem" role="alert">
          {stale ? 'Someone saved a newer version of this artifact. ' : ''}
          {describeError(save.error)}
          {stale && (
            <button type="button" className="link-button" onClick={onReload}>
              Load the newer version
            </button>
          )}
        </div>
      )}
      <div className="canvas__body">
        {editing ? (
          <CodeEditor
            value={draft}
            language={artifact.kind === 'markdown' ? 'markdown' : artifact.language}
            onChange={setDraft}
            onSave={submit}
            label={`Edit ${artifact.name}`}
          />
        ) : (
          <div className="canvas__preview">
            <Markdown text={draft} />
          </div>
        )}
      </div>
    </div>
  );
}
