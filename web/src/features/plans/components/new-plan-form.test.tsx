import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { NewPlanForm } from '@/features/plans/components/new-plan-form';
import { makeShoppingCartPlan } from '@/testing/data-generators';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';

describe('NewPlanForm', () => {
  it('creates a plan from the request and opens it', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.post('/api/plans', () => json(makeShoppingCartPlan({ id: 'p-9', status: 'draft' }), { status: 201 }));
    const { router } = renderWithProviders(<NewPlanForm />);
    await user.type(screen.getByLabelText('What do you want to get done?'), 'Add a shopping cart');
    await user.click(screen.getByRole('button', { name: 'Plan it' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/plans/p-9'));
    expect(router.state.location.state).toEqual({ decompose: true });
    expect(server.calls[0]?.body).toEqual({ request: 'Add a shopping cart' });
  });

  it('says what to fix when the planner refuses', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.post('/api/plans', () => problem(400, 'The request is too long: keep it under 4,000 characters.'));
    renderWithProviders(<NewPlanForm />);
    await user.click(screen.getByRole('button', { name: 'Add authentication to my app' }));
    await user.click(screen.getByRole('button', { name: 'Plan it' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('keep it under 4,000 characters');
  });
});
