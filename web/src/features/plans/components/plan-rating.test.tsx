import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlanRating } from '@/features/plans/components/plan-rating';
import { usePlan } from '@/features/plans/api/get-plan';
import { makeShoppingCartPlan } from '@/testing/data-generators';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';
import type { PlanView } from '@/types/api';

/** The rating as the plan route shows it: from the plan's query, so a posted rating shows through the cache. */
function RatedPlan({ planId }: { planId: string }) {
  const plan = usePlan(planId);
  return plan.data ? <PlanRating plan={plan.data} /> : null;
}

const stars = () => screen.getAllByRole('radio');

describe('PlanRating', () => {
  it('posts the chosen score for a finished plan and shows it as the current rating', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    let plan: PlanView = makeShoppingCartPlan({ status: 'completed', rating: null });
    server.get('/api/plans/plan-1', () => json(plan));
    server.post('/api/plans/plan-1/rating', ({ body }) => {
      plan = { ...plan, rating: { score: (body as { score: number }).score, comment: null, at: '2026-12-01T10:00:00Z' } };
      return json(plan);
    });
    renderWithProviders(<RatedPlan planId="plan-1" />);

    expect(await screen.findByRole('radiogroup', { name: 'Rate this plan' })).toBeInTheDocument();
    expect(stars().filter((star) => star.getAttribute('aria-checked') === 'true')).toHaveLength(0);
    await user.click(screen.getByRole('radio', { name: '4 stars' }));

    await waitFor(() => expect(screen.getByRole('radio', { name: '4 stars' })).toHaveAttribute('aria-checked', 'true'));
    expect(screen.getByRole('radiogroup', { name: 'Your rating' })).toBeInTheDocument();
    expect(server.calls).toContainEqual({ method: 'POST', url: '/api/plans/plan-1/rating', body: { score: 4 } });
  });

  it('keeps the comment when the score changes, and shows a refusal', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/plans/plan-1', makeShoppingCartPlan({ status: 'failed', rating: { score: 2, comment: 'Too slow', at: '2026-12-01T10:00:00Z' } }));
    server.post('/api/plans/plan-1/rating', () => problem(409, 'Plan plan-1 is not finished yet.'));
    renderWithProviders(<RatedPlan planId="plan-1" />);

    expect(await screen.findByRole('radio', { name: '2 stars' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByText('“Too slow”')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: '5 stars' }));

    expect(await screen.findByText('Plan plan-1 is not finished yet.')).toBeInTheDocument();
    expect(server.calls).toContainEqual({ method: 'POST', url: '/api/plans/plan-1/rating', body: { score: 5, comment: 'Too slow' } });
    expect(screen.getByRole('radio', { name: '2 stars' })).toHaveAttribute('aria-checked', 'true');
  });

  it('is not offered while the plan runs', async () => {
    const server = mockFetch();
    server.get('/api/plans/plan-1', makeShoppingCartPlan({ status: 'running' }));
    const { container } = renderWithProviders(<RatedPlan planId="plan-1" />);
    await waitFor(() => expect(server.calls).toHaveLength(1));
    expect(container.querySelector('.plan-rating')).toBeNull();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });
});
