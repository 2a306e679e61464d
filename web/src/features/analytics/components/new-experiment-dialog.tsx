import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { useCreateExperiment } from '@/features/analytics/api/experiments';
import { describeError } from '@/lib/api-client';
import type { Allocation, PromptTemplate } from '@/types/api';

type NewExperimentDialogProps = {
  templates: readonly PromptTemplate[];
  initialPrompt?: string;
  labelOf: (versionId: string) => string;
  onStarted: (id: string) => void;
  onClose: () => void;
};

/** Starts an A/B/n experiment over versions of one template. */
export function NewExperimentDialog({ templates, initialPrompt, labelOf, onStarted, onClose }: NewExperimentDialogProps) {
  const create = useCreateExperiment();
  const [prompt, setPrompt] = useState(initialPrompt ?? templates[0]?.name ?? '');
  const template = templates.find((candidate) => candidate.name === prompt);
  const [weights, setWeights] = useState<Record<string, number>>({});
  const [allocation, setAllocation] = useState<Allocation>('fixed');
  const [metric, setMetric] = useState('task-success');

  const chosen = (template?.versions ?? []).filter((version) => (weights[version.versionId] ?? 0) > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        prompt,
        allocation,
        metric,
        variants: chosen.map((version) => ({ versionId: version.versionId, weight: weights[version.versionId] ?? 1 })),
      },
      { onSuccess: (experiment) => onStarted(experiment.id) },
    );
  };

  return (
    <Dialog
      title="Start an experiment"
      description="Each plan is assigned one variant, sticky per plan, and scored on real outcomes."
      width={520}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-experiment" className="btn btn--primary" disabled={chosen.length < 2 || create.isPending}>
            {create.isPending ? 'Starting…' : 'Start experiment'}
          </button>
        </>
      }
    >
      <form id="new-experiment" className="stack" style={{ gap: 12 }} onSubmit={submit}>
        <label className="field">
          <span className="field__label">Template</span>
          <select
            className="select"
            value={prompt}
            onChange={(event) => {
              setPrompt(event.target.value);
              setWeights({});
            }}
          >
            {templates.map((candidate) => (
              <option key={candidate.name} value={candidate.name}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field variants-field">
          <legend className="field__label">Variants and weights (pick at least two)</legend>
          {(template?.versions ?? []).map((version) => {
            const weight = weights[version.versionId] ?? 0;
            return (
              <div key={version.versionId} className="variant-row">
                <label className="row">
                  <input
                    type="checkbox"
                    checked={weight > 0}
                    onChange={(event) =>
                      setWeights({ ...weights, [version.versionId]: event.target.checked ? 1 : 0 })
                    }
                  />
                  <span>{labelOf(version.versionId)}</span>
                  {version.labels.map((label) => (
                    <span key={label} className="label-chip">
                      {label}
                    </span>
                  ))}
                </label>
                <input
                  type="number"
                  className="input variant-row__weight"
                  aria-label={`Weight of ${labelOf(version.versionId)}`}
                  min={0}
                  step={0.1}
                  value={weight}
                  disabled={weight <= 0}
                  onChange={(event) => setWeights({ ...weights, [version.versionId]: Number(event.target.value) })}
                />
              </div>
            );
          })}
        </fieldset>
        <div className="row" style={{ gap: 12 }}>
          <label className="field" style={{ flex: 1 }}>
            <span className="field__label">Allocation</span>
            <select className="select" value={allocation} onChange={(event) => setAllocation(event.target.value as Allocation)}>
              <option value="fixed">Fixed split (weights)</option>
              <option value="bandit">Bandit (Thompson sampling)</option>
            </select>
          </label>
          <label className="field" style={{ flex: 1 }}>
            <span className="field__label">Success metric</span>
            <input className="input" value={metric} onChange={(event) => setMetric(event.target.value)} />
          </label>
        </div>
        {create.isError && (
          <p role="alert" style={{ color: 'var(--status-failed)' }}>
            {describeError(create.error)}
          </p>
        )}
      </form>
    </Dialog>
  );
}
