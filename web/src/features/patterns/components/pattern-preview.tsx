import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { usePattern } from '@/features/patterns/api/get-patterns';
import { useDeletePattern } from '@/features/patterns/api/pattern-mutations';
import { PatternTree } from '@/features/patterns/components/pattern-tree';
import { StartFromPatternForm } from '@/features/patterns/components/start-from-pattern-form';
import { successRateLabel } from '@/features/patterns/lib/pattern-labels';
import { describeError } from '@/lib/api-client';

type PatternPreviewProps = {
  patternId: string;
  onRemoved: () => void;
};

/** One pattern: its request, record, tree, a form to start a plan from it, and its removal. */
export function PatternPreview({ patternId, onRemoved }: PatternPreviewProps) {
  const pattern = usePattern(patternId);
  const remove = useDeletePattern();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);

  if (pattern.isPending) return <Spinner label="Loading the pattern" />;
  if (pattern.isError) return <Alert title="This pattern could not be loaded">{describeError(pattern.error)}</Alert>;

  const shown = pattern.data;
  const removeIt = () =>
    remove.mutate(shown.id, {
      onSuccess: () => {
        setConfirming(false);
        toast.success('Pattern removed', `“${shown.title}” is no longer in the gallery.`);
        onRemoved();
      },
      onError: (error) => {
        setConfirming(false);
        toast.error('Could not remove the pattern', describeError(error));
      },
    });

  return (
    <article className="pattern-preview card" aria-labelledby={`pattern-${shown.id}`}>
      <header className="pattern-preview__head">
        <h2 id={`pattern-${shown.id}`} className="pattern-preview__title">
          {shown.title}
        </h2>
        <button type="button" className="btn btn--sm btn--ghost" onClick={() => setConfirming(true)}>
          Remove
        </button>
      </header>
      <p className="pattern-preview__request">{shown.request}</p>
      {shown.origin && (
        <p className="faint pattern-preview__origin">
          {shown.origin === 'proven' ? 'In the gallery because its plan succeeded.' : 'Saved to the gallery by hand.'}
        </p>
      )}
      <dl className="pattern-stats">
        <div>
          <dt>Tasks</dt>
          <dd>{shown.taskCount}</dd>
        </div>
        <div>
          <dt>Uses</dt>
          <dd>{shown.uses}</dd>
        </div>
        <div>
          <dt>Succeeded</dt>
          <dd>
            {successRateLabel(shown.successRate)}
            {shown.uses > 0 && <span className="faint"> ({shown.successes} of {shown.uses})</span>}
          </dd>
        </div>
      </dl>
      {shown.sourcePlanId && (
        <p className="faint pattern-preview__source">
          Saved from <Link to={`/plans/${shown.sourcePlanId}`}>its original plan</Link>
        </p>
      )}
      <h3 className="section-label">Tree</h3>
      <PatternTree tasks={shown.tasks} />
      <StartFromPatternForm key={shown.id} pattern={shown} />
      {confirming && (
        <Dialog
          title="Remove this pattern?"
          description={<>“{shown.title}” leaves the gallery. Plans already based on it keep their tasks.</>}
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" className="btn btn--sm" onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn--sm btn--danger" onClick={removeIt} disabled={remove.isPending}>
                {remove.isPending ? 'Removing…' : 'Remove pattern'}
              </button>
            </>
          }
        />
      )}
    </article>
  );
}
