import { useState } from 'react';
import { useToast } from '@/components/ui/toast';
import { useRatePlan } from '@/features/plans/api/rate-plan';
import { describeError } from '@/lib/api-client';
import type { PlanView } from '@/types/api';

const scores = [1, 2, 3, 4, 5] as const;

/** The person's 1–5 verdict on a finished plan: five stars that post the rating and show the current one. */
export function PlanRating({ plan }: { plan: PlanView }) {
  const rate = useRatePlan(plan.id);
  const toast = useToast();
  const [hover, setHover] = useState<number | null>(null);
  if (plan.status !== 'completed' && plan.status !== 'failed') return null;

  const current = rate.isPending ? rate.variables.score : (plan.rating?.score ?? null);
  const lit = hover ?? current ?? 0;
  const choose = (score: number) => {
    if (rate.isPending || score === plan.rating?.score) return;
    const comment = plan.rating?.comment ?? undefined;
    rate.mutate(comment ? { score, comment } : { score }, {
      onError: (error) => toast.error('Rating not recorded', describeError(error)),
    });
  };

  return (
    <div className="plan-rating">
      <span className="muted plan-rating__label" id={`rating-${plan.id}`}>
        {current === null ? 'Rate this plan' : 'Your rating'}
      </span>
      <div
        className="plan-rating__stars"
        role="radiogroup"
        aria-labelledby={`rating-${plan.id}`}
        onMouseLeave={() => setHover(null)}
      >
        {scores.map((score) => (
          <button
            key={score}
            type="button"
            role="radio"
            aria-checked={current === score}
            aria-label={`${score} ${score === 1 ? 'star' : 'stars'}`}
            className={`plan-rating__star ${score <= lit ? 'is-lit' : ''}`}
            disabled={rate.isPending}
            onMouseEnter={() => setHover(score)}
            onClick={() => choose(score)}
          >
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden>
              <path
                d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"
                fill={score <= lit ? 'currentColor' : 'none'}
                stroke="currentColor"
                strokeWidth="1.6"
                strokeLinejoin="round"
              />
            </svg>
          </button>
        ))}
      </div>
      {plan.rating?.comment && <span className="faint plan-rating__comment">“{plan.rating.comment}”</span>}
    </div>
  );
}
