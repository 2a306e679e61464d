import { useState } from 'react';
import { versionCostLabel } from '@/lib/cost';
import { formatTime } from '@/lib/format';
import type { PromptTemplate } from '@/types/api';

type PromptLibraryProps = {
  templates: readonly PromptTemplate[];
  labelOf: (versionId: string) => string;
  /** True while the model simulator answers (its calls cost nothing). */
  simulated?: boolean;
  onExperiment: (prompt: string) => void;
};

/** Every template with its immutable versions; production is marked. */
export function PromptLibrary({ templates, labelOf, simulated = false, onExperiment }: PromptLibraryProps) {
  const [open, setOpen] = useState<string | null>(null);
  if (templates.length === 0) return <div className="card empty">No prompt templates yet.</div>;
  return (
    <ul className="prompt-library" aria-label="Prompt templates">
      {templates.map((template) => (
        <li key={template.name} className="card prompt">
          <div className="card__header">
            <div>
              <h3 className="mono">{template.name}</h3>
              {template.description && <p className="muted prompt__description">{template.description}</p>}
            </div>
            <div className="row">
              <span className="faint" style={{ fontSize: 12.5 }}>
                {template.versions.length} version{template.versions.length === 1 ? '' : 's'}
              </span>
              {template.versions.length >= 2 && (
                <button type="button" className="btn btn--sm" onClick={() => onExperiment(template.name)}>
                  New experiment
                </button>
              )}
            </div>
          </div>
          <ul className="prompt__versions">
            {template.versions.map((version) => (
              <li key={version.versionId}>
                <button
                  type="button"
                  className="prompt__version"
                  aria-expanded={open === version.versionId}
                  onClick={() => setOpen(open === version.versionId ? null : version.versionId)}
                >
                  <span className="mono">{labelOf(version.versionId)}</span>
                  {version.labels.map((label) => (
                    <span key={label} className={`label-chip ${label === 'production' ? 'label-chip--production' : ''}`}>
                      {label}
                    </span>
                  ))}
                  <span className="faint prompt__cost" data-testid="version-cost">
                    {versionCostLabel(version.cost, simulated)}
                  </span>
                  <span className="faint prompt__date">{formatTime(version.createdAt)}</span>
                </button>
                {open === version.versionId && <pre className="prompt__text">{version.text}</pre>}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
