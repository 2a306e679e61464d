import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { usePromoteVersion, useStopExperiment, useExperimentResults } from '@/features/analytics/api/experiments';
import { ExperimentChart } from '@/features/analytics/components/experiment-chart';
import { describeError } from '@/lib/api-client';

type ExperimentCardProps = {
  id: string;
  labelOf: (versionId: string) => string;
};

/** One experiment's results, with stop and promote. */
export function ExperimentCard({ id, labelOf }: ExperimentCardProps) {
  const toast = useToast();
  const results = useExperimentResults(id);
  const stop = useStopExperiment(id);
  const promote = usePromoteVersion(id);
  const [promoting, setPromoting] = useState<string | null>(null);

  if (results.isPending) {
    return (
      <article className="card experiment">
        <div className="card__body" style={{ paddingTop: 16 }}>
          <Spinner label="Loading results" />
        </div>
      </article>
    );
  }
  if (results.isError) {
    return (
      <article className="card experiment">
        <div className="card__body" style={{ paddingTop: 16 }}>
          <Alert title={`Experiment ${id.slice(0, 8)} could not be loaded`}>{describeError(results.error)}</Alert>
        </div>
      </article>
    );
  }

  const data = results.data;
  const best = [...data.variants].sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1))[0];
  const suggested = data.winner ?? best?.versionId ?? null;
  const running = data.status === 'running';

  return (
    <article className="card experiment" aria-label={`Experiment on ${data.prompt}`}>
      <div className="card__header">
        <div>
          <h3>
            {data.prompt} <span className="faint mono experiment__id">#{data.id.slice(0, 8)}</span>
          </h3>
          <p className="muted experiment__summary">
            {data.winner ? (
              <>
                Winner: <strong>{labelOf(data.winner)}</strong>
              </>
            ) : (
              (data.decision ?? 'No winner yet — it is declared past the minimum sample and significance threshold.')
            )}
          </p>
        </div>
        <div className="row">
          <span className={`experiment__status experiment__status--${data.status}`}>{data.status}</span>
          {running && (
            <button
              type="button"
              className="btn btn--sm"
              disabled={stop.isPending}
              onClick={() =>
                stop.mutate(undefined, {
                  onSuccess: () => toast.info('Experiment stopped'),
                  onError: (error) => toast.error('Could not stop', describeError(error)),
                })
              }
            >
              Stop
            </button>
          )}
          {suggested && data.status !== 'promoted' && (
            <button type="button" className="btn btn--sm btn--primary" onClick={() => setPromoting(suggested)}>
              Promote…
            </button>
          )}
        </div>
      </div>
      <div className="card__body">
        {data.variants.length === 0 ? (
          <p className="muted">No outcomes recorded yet.</p>
        ) : (
          <ExperimentChart variants={data.variants} winner={data.winner} labelOf={labelOf} />
        )}
      </div>
      {promoting && (
        <Dialog
          title="Promote a version to production"
          description="Every new plan then resolves this template to the promoted version."
          onClose={() => setPromoting(null)}
          footer={
            <>
              <button type="button" className="btn btn--ghost" onClick={() => setPromoting(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn--primary"
                disabled={promote.isPending}
                onClick={() =>
                  promote.mutate(promoting, {
                    onSuccess: () => {
                      toast.success(`${labelOf(promoting)} is now in production`);
                      setPromoting(null);
                    },
                    onError: (error) => toast.error('Could not promote', describeError(error)),
                  })
                }
              >
                Promote
              </button>
            </>
          }
        >
          <label className="field">
            <span className="field__label">Version</span>
            <select className="select" value={promoting} onChange={(event) => setPromoting(event.target.value)}>
              {data.variants.map((variant) => (
                <option key={variant.versionId} value={variant.versionId}>
                  {labelOf(variant.versionId)}
                  {variant.rate === null ? '' : ` — ${(variant.rate * 100).toFixed(1)}%`}
                </option>
              ))}
            </select>
          </label>
        </Dialog>
      )}
    </article>
  );
}
