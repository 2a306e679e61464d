import { useCallback, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { useExperimentIds, useStartPatternsExperiment } from '@/features/analytics/api/experiments';
import { useFailurePatterns } from '@/features/analytics/api/failures';
import { usePrompts } from '@/features/analytics/api/prompts';
import { ExperimentCard } from '@/features/analytics/components/experiment-card';
import { FailurePatterns } from '@/features/analytics/components/failure-patterns';
import { NewExperimentDialog } from '@/features/analytics/components/new-experiment-dialog';
import { PromptLibrary } from '@/features/analytics/components/prompt-library';
import { useModel } from '@/features/system/api/get-model';
import { describeError } from '@/lib/api-client';
import '@/features/analytics/components/analytics.css';

export function AnalyticsRoute() {
  const prompts = usePrompts();
  const simulated = useModel().data?.simulated ?? false;
  const experiments = useExperimentIds();
  const failures = useFailurePatterns();
  const [creating, setCreating] = useState<string | null>(null);
  const patternsExperiment = useStartPatternsExperiment();

  // Versions are named "<template> v<n>" by their place in the template's history.
  const labelOf = useCallback(
    (versionId: string) => {
      for (const template of prompts.data ?? []) {
        const position = template.versions.findIndex((version) => version.versionId === versionId);
        if (position >= 0) {
          const version = template.versions[position];
          const label = `${template.name} v${version?.number ?? position + 1}`;
          // A decomposition prompt either builds on the gallery's proven plans or not: say which, for the patterns experiment.
          if (template.name !== 'decompose' || !version) return label;
          return `${label} · ${version.text.includes('{{$examples}}') ? 'with patterns' : 'without patterns'}`;
        }
      }
      return versionId.length > 12 ? versionId.slice(0, 8) : versionId;
    },
    [prompts.data],
  );

  return (
    <div className="page">
      <div className="page__title">
        <div>
          <h1>Prompt analytics</h1>
          <p className="muted">Versioned prompt templates, A/B tested on real outcomes.</p>
        </div>
        <div className="page__actions">
        <button
          type="button"
          className="btn"
          disabled={patternsExperiment.isPending}
          title="Decompose half the new plans with the gallery's proven plans as examples and half without, and compare how often they succeed"
          onClick={() => patternsExperiment.mutate()}
        >
          Test the gallery
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!prompts.data?.some((template) => template.versions.length >= 2)}
          onClick={() => setCreating(prompts.data?.find((template) => template.versions.length >= 2)?.name ?? '')}
        >
          New experiment
        </button>
        </div>
      </div>
      {patternsExperiment.isError ? (
        <Alert title="The gallery experiment could not start">{describeError(patternsExperiment.error)}</Alert>
      ) : null}
      <div className="analytics">
        <section aria-labelledby="experiments-title">
          <div className="analytics__section-head">
            <h2 id="experiments-title" className="section-label">
              Experiments
            </h2>
          </div>
          {experiments.isPending ? (
            <Spinner label="Loading experiments" />
          ) : experiments.isError ? (
            <Alert title="Experiments could not be loaded">{describeError(experiments.error)}</Alert>
          ) : experiments.data.length === 0 ? (
            <div className="card empty">No experiments yet. Start one to compare prompt versions on real outcomes.</div>
          ) : (
            <div className="experiments">
              {experiments.data.map((id) => (
                <ExperimentCard key={id} id={id} labelOf={labelOf} />
              ))}
            </div>
          )}
        </section>
        <section aria-labelledby="failures-title">
          <div className="analytics__section-head">
            <h2 id="failures-title" className="section-label">
              Patterns in failures
            </h2>
          </div>
          {failures.isPending ? (
            <Spinner label="Loading failure patterns" />
          ) : failures.isError ? (
            <Alert title="Failure patterns could not be loaded">{describeError(failures.error)}</Alert>
          ) : (
            <FailurePatterns patterns={failures.data} labelOf={labelOf} />
          )}
        </section>
        <section aria-labelledby="prompts-title">
          <div className="analytics__section-head">
            <h2 id="prompts-title" className="section-label">
              Prompt library
            </h2>
          </div>
          {prompts.isPending ? (
            <Spinner label="Loading prompts" />
          ) : prompts.isError ? (
            <Alert title="Prompts could not be loaded">{describeError(prompts.error)}</Alert>
          ) : (
            <PromptLibrary templates={prompts.data} labelOf={labelOf} simulated={simulated} onExperiment={setCreating} />
          )}
        </section>
      </div>
      {creating !== null && prompts.data && (
        <NewExperimentDialog
          templates={prompts.data.filter((template) => template.versions.length >= 2)}
          initialPrompt={creating}
          labelOf={labelOf}
          onClose={() => setCreating(null)}
          onStarted={() => setCreating(null)}
        />
      )}
    </div>
  );
}
