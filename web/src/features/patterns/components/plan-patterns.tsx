import { useState } from 'react';
import { Link } from 'react-router';
import { useToast } from '@/components/ui/toast';
import { useSaveAsPattern } from '@/features/patterns/api/pattern-mutations';
import { ApiError, describeError } from '@/lib/api-client';
import type { PlanView } from '@/types/api';
import './patterns.css';

/** "Based on: …" with a link to each gallery pattern the plan's decomposition was built on; nothing when none. */
export function BasedOnPatterns({ plan }: { plan: PlanView }) {
  const patterns = plan.patterns ?? [];
  if (patterns.length === 0) return null;
  return (
    <p className="based-on">
      <span className="muted">Based on: </span>
      {patterns.map((pattern, index) => (
        <span key={pattern.id}>
          {index > 0 && ', '}
          <Link to={`/patterns?selected=${encodeURIComponent(pattern.id)}`}>{pattern.title}</Link>
        </span>
      ))}
    </p>
  );
}

/** Whether a refusal says the plan is in the gallery already (a plan that succeeded goes there by itself). */
const alreadyInGallery = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && /already in the gallery/i.test(error.problem?.detail ?? '');

/** Saves a completed plan's tree to the gallery, then links to it there. */
export function SaveAsPatternButton({ plan }: { plan: PlanView }) {
  const save = useSaveAsPattern();
  const toast = useToast();
  const [inGallery, setInGallery] = useState<string | null>(null);
  if (plan.status !== 'completed') return null;
  if (inGallery) {
    return (
      <Link to={inGallery} className="btn btn--sm btn--ghost">
        In the gallery
      </Link>
    );
  }
  return (
    <button
      type="button"
      className="btn btn--sm"
      disabled={save.isPending}
      onClick={() =>
        save.mutate(plan.id, {
          onSuccess: (pattern) => {
            setInGallery(`/patterns?selected=${encodeURIComponent(pattern.id)}`);
            toast.success('Saved as a pattern', `“${pattern.title}” is in the gallery.`);
          },
          onError: (error) => {
            if (!alreadyInGallery(error)) {
              toast.error('Could not save as a pattern', describeError(error));
              return;
            }
            setInGallery(`/patterns?query=${encodeURIComponent(plan.request)}`);
            toast.info('Already in the gallery', 'A plan that succeeds goes there by itself; the link finds it.');
          },
        })
      }
    >
      {save.isPending ? 'Saving…' : 'Save as pattern'}
    </button>
  );
}
