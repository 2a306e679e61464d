import { useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import type { PlanView } from '@/types/api';

type PlanReviewBannerProps = {
  plan: PlanView;
  approving: boolean;
  regenerating: boolean;
  discarding: boolean;
  onApprove: () => void;
  onRegenerate: () => void;
  onDiscard: () => void;
};

/**
 * "Shall I proceed?": the proposed tree is editable in place; then approve, regenerate or discard. When the planner
 * chose to execute the request directly there are no subtasks to count, so the banner says what will happen instead.
 */
export function PlanReviewBanner(props: PlanReviewBannerProps) {
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const count = Math.max(0, props.plan.tasks.length - 1);
  const busy = props.approving || props.regenerating || props.discarding;
  return (
    <section className="review-banner" aria-label="Plan review">
      <div className="review-banner__text">
        <strong>Shall I proceed?</strong>
        <span>
          {count === 0
            ? 'I’ll do this directly as one task: it is small enough for one focused conversation. Approve to start, or add tasks to the tree first.'
            : `I broke this into ${count} focused ${count === 1 ? 'task' : 'tasks'}. Edit the tree — rename, move, change modes — then approve to start.`}
        </span>
      </div>
      <div className="review-banner__actions">
        <button type="button" className="btn btn--ghost" onClick={() => setConfirmDiscard(true)} disabled={busy}>
          Discard
        </button>
        <button type="button" className="btn" onClick={props.onRegenerate} disabled={busy}>
          {props.regenerating ? <Spinner size={12} label="Regenerating" /> : 'Regenerate'}
        </button>
        <button type="button" className="btn btn--primary" onClick={props.onApprove} disabled={busy}>
          {props.approving ? 'Starting…' : 'Approve & start'}
        </button>
      </div>
      {confirmDiscard && (
        <Dialog
          title="Discard this plan?"
          description="The plan is cancelled and nothing runs. Its history stays available for audit."
          onClose={() => setConfirmDiscard(false)}
          footer={
            <>
              <button type="button" className="btn btn--ghost" onClick={() => setConfirmDiscard(false)} data-autofocus>
                Keep it
              </button>
              <button
                type="button"
                className="btn btn--danger"
                onClick={() => {
                  setConfirmDiscard(false);
                  props.onDiscard();
                }}
              >
                Discard plan
              </button>
            </>
          }
        />
      )}
    </section>
  );
}
