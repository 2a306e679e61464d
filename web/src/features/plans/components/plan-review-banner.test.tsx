import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PlanReviewBanner } from '@/features/plans/components/plan-review-banner';
import { makeShoppingCartPlan } from '@/testing/data-generators';
import { renderWithProviders } from '@/testing/test-utils';

function setup() {
  const props = {
    plan: makeShoppingCartPlan(),
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
