import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PlanReviewBanner } from '@/features/plans/components/plan-review-banner';
import { makeShoppingCartPlan } from '@/testing/data-generators';
import { renderWithProviders } from '@/testing/test-utils';

function setup(plan = makeShoppingCartPlan()) {
  const props = {
    plan,
    approving: false,
    regenerating: false,
    discarding: false,
    onApprove: vi.fn(),
    onRegenerate: vi.fn(),
    onDiscard: vi.fn(),
  };
  renderWithProviders(<PlanReviewBanner {...props} />);
  return props;
}

describe('PlanReviewBanner', () => {
  it('asks “Shall I proceed?” and approves or regenerates', async () => {
    const user = userEvent.setup();
    const props = setup();
    expect(await screen.findByText('Shall I proceed?')).toBeInTheDocument();
    expect(screen.getByText(/7 focused tasks/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Approve & start' }));
    expect(props.onApprove).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: 'Regenerate' }));
    expect(props.onRegenerate).toHaveBeenCalledOnce();
  });

  it('says the request is done directly as one task when the planner chose not to split it', async () => {
    const plan = makeShoppingCartPlan();
    setup({ ...plan, tasks: plan.tasks.filter((task) => task.parentId === null) });
    expect(await screen.findByText(/I’ll do this directly as one task/)).toBeInTheDocument();
    expect(screen.queryByText(/focused tasks?\./)).not.toBeInTheDocument();
    expect(screen.queryByText(/0 focused/)).not.toBeInTheDocument();
  });

  it('counts a single subtask in the singular', async () => {
    const plan = makeShoppingCartPlan();
    setup({ ...plan, tasks: plan.tasks.filter((task) => task.parentId === null || task.id === plan.tasks[1]!.id) });
    expect(await screen.findByText(/I broke this into 1 focused task\./)).toBeInTheDocument();
  });

  it('discards only after confirmation', async () => {
    const user = userEvent.setup();
    const props = setup();
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(props.onDiscard).not.toHaveBeenCalled();
    const dialog = screen.getByRole('dialog', { name: 'Discard this plan?' });
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(dialog).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    await user.click(screen.getByRole('button', { name: 'Discard plan' }));
    expect(props.onDiscard).toHaveBeenCalledOnce();
  });
});
