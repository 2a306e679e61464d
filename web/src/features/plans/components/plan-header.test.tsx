import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PlanHeader } from '@/features/plans/components/plan-header';
import { makePlan } from '@/testing/data-generators';
import { renderWithProviders } from '@/testing/test-utils';

const plan = makePlan({
  id: 'p1',
  title: 'Release notes',
  request: 'Write release notes',
  status: 'completed',
  version: 12,
  tasks: [],
  cost: { tokens: 1800, usd: 0.0051 },
});

describe('PlanHeader', () => {
  it('shows what the plan cost with a priced model', async () => {
    renderWithProviders(<PlanHeader plan={plan} stream="live" pricing={{ simulated: false, priced: true }} />);

    expect(await screen.findByTestId('cost')).toHaveTextContent('$0.0051 · 1,800 tokens');
  });

  it('says the simulator costs nothing', async () => {
    renderWithProviders(<PlanHeader plan={{ ...plan, cost: { tokens: 1800, usd: 0 } }} stream="live" pricing={{ simulated: true, priced: false }} />);

    expect(await screen.findByTestId('cost')).toHaveTextContent('simulator: no cost');
  });

  it('says when the model has no price instead of calling it free', async () => {
    renderWithProviders(<PlanHeader plan={{ ...plan, cost: { tokens: 1800, usd: 0 } }} stream="live" pricing={{ simulated: false, priced: false }} />);

    expect(await screen.findByTestId('cost')).toHaveTextContent('1,800 tokens · no price set');
  });
});
