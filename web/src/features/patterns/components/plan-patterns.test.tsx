import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BasedOnPatterns, SaveAsPatternButton } from '@/features/patterns/components/plan-patterns';
import { makeShoppingCartPlan } from '@/testing/data-generators';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';

describe('BasedOnPatterns', () => {
  it('links each pattern the plan was based on to the gallery', () => {
    renderWithProviders(
      <BasedOnPatterns plan={makeShoppingCartPlan({ patterns: [{ id: 'p-1', title: 'Shopping cart' }, { id: 'p-2', title: 'Checkout' }] })} />,
    );
    expect(screen.getByText('Based on:')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Shopping cart' })).toHaveAttribute('href', '/patterns?selected=p-1');
    expect(screen.getByRole('link', { name: 'Checkout' })).toHaveAttribute('href', '/patterns?selected=p-2');
  });

  it('says nothing when the plan was planned from scratch', () => {
    renderWithProviders(<BasedOnPatterns plan={makeShoppingCartPlan({ patterns: [] })} />);
    expect(screen.queryByText('Based on:')).toBeNull();
  });
});

describe('SaveAsPatternButton', () => {
  it('saves a completed plan and then links to it in the gallery', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.post('/api/plans/plan-1/save-as-pattern', () =>
      json({ id: 'p-new', title: 'Shopping cart', request: 'r', taskCount: 7, uses: 0, successes: 0, successRate: null, createdAt: '', sourcePlanId: 'plan-1', tasks: [] }, { status: 201 }),
    );
    renderWithProviders(<SaveAsPatternButton plan={makeShoppingCartPlan({ status: 'completed' })} />);

    await user.click(screen.getByRole('button', { name: 'Save as pattern' }));

    expect(await screen.findByRole('link', { name: 'In the gallery' })).toHaveAttribute('href', '/patterns?selected=p-new');
    expect(server.calls).toContainEqual({ method: 'POST', url: '/api/plans/plan-1/save-as-pattern', body: undefined });
  });

  it('shows why the gallery refused the plan', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.post('/api/plans/plan-1/save-as-pattern', () => problem(409, 'Plan plan-1 is in the gallery already.'));
    renderWithProviders(<SaveAsPatternButton plan={makeShoppingCartPlan({ status: 'completed' })} />);

    await user.click(screen.getByRole('button', { name: 'Save as pattern' }));

    expect(await screen.findByText('Plan plan-1 is in the gallery already.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save as pattern' })).toBeEnabled());
  });

  it('links to the gallery, searched for the plan, when the plan went there by itself', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.post('/api/plans/plan-1/save-as-pattern', () =>
      problem(409, 'Plan plan-1 is already in the gallery as pattern p-9.', 'Already in the gallery'),
    );
    renderWithProviders(<SaveAsPatternButton plan={makeShoppingCartPlan({ status: 'completed' })} />);

    await user.click(screen.getByRole('button', { name: 'Save as pattern' }));

    expect(await screen.findByRole('link', { name: 'In the gallery' })).toHaveAttribute(
      'href',
      `/patterns?query=${encodeURIComponent('Add a shopping cart to my e-commerce site')}`,
    );
    expect(screen.getByText('Already in the gallery')).toBeInTheDocument();
    expect(screen.queryByText('Could not save as a pattern')).toBeNull();
  });

  it('is offered only for completed plans', () => {
    renderWithProviders(<SaveAsPatternButton plan={makeShoppingCartPlan({ status: 'failed' })} />);
    expect(screen.queryByRole('button', { name: 'Save as pattern' })).toBeNull();
  });
});
