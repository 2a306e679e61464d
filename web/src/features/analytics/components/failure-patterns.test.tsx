import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FailurePatterns } from '@/features/analytics/components/failure-patterns';
import { failureTrend } from '@/features/analytics/lib/failure-trend';
import { renderWithProviders } from '@/testing/test-utils';
import type { FailurePattern } from '@/types/api';

const now = Date.parse('2026-12-04T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();

const timeouts: FailurePattern = {
  key: 'timeout|execute:2|autonomous',
  reason: 'Timed out after <n> s without finishing.',
  count: 42,
  lastSeen: hoursAgo(1),
  promptVersionIds: ['execute:2'],
  modes: ['autonomous'],
  examples: [
    { planId: 'plan-1', taskId: 'task-aaaaaaaa-1', conversationId: 'conv-1', at: hoursAgo(1) },
    { planId: 'plan-1', taskId: 'task-bbbbbbbb-2', conversationId: 'conv-2', at: hoursAgo(5) },
    { planId: 'plan-2', taskId: 'task-cccccccc-3', conversationId: 'conv-3', at: hoursAgo(30) },
  ],
};

const injected: FailurePattern = {
  key: 'malformed-output|none|hybrid',
  reason: '<img src=x onerror="alert(1)"><b>not json</b>',
  count: 3,
  lastSeen: hoursAgo(2),
  promptVersionIds: [],
  modes: ['hybrid'],
  examples: [{ planId: 'plan-3', taskId: 'task-dddddddd-4', conversationId: null, at: hoursAgo(2) }],
};

describe('FailurePatterns', () => {
  it('shows each group with its count, kind, version, mode and trend, in the order given', () => {
    renderWithProviders(<FailurePatterns patterns={[timeouts, injected]} labelOf={(id) => `execute v${id.split(':')[1]}`} now={now} />);
    const groups = screen.getAllByRole('listitem').filter((item) => item.classList.contains('failure'));
    expect(groups).toHaveLength(2);
    const first = within(groups[0]!);
    expect(first.getByLabelText('42 failures')).toHaveTextContent('42');
    expect(first.getByText('Timeout')).toBeInTheDocument();
    expect(first.getByText('execute v2')).toBeInTheDocument();
    expect(first.getByText('autonomous')).toBeInTheDocument();
    expect(first.getByText('Timed out after <n> s without finishing.')).toBeInTheDocument();
    expect(first.getByRole('img', { name: /2 in the last 24 h, 1 the day before/ })).toBeInTheDocument();
    expect(within(groups[1]!).getByText('Malformed output')).toBeInTheDocument();
  });

  it('links example tasks to their conversations', async () => {
    const user = userEvent.setup();
    const { router } = renderWithProviders(<FailurePatterns patterns={[timeouts]} labelOf={(id) => id} now={now} />);
    const examples = within(screen.getByRole('list', { name: 'Example tasks' })).getAllByRole('link');
    expect(examples.map((link) => link.getAttribute('href'))).toEqual([
      '/plans/plan-1/tasks/task-aaaaaaaa-1',
      '/plans/plan-1/tasks/task-bbbbbbbb-2',
      '/plans/plan-2/tasks/task-cccccccc-3',
    ]);
    await user.click(examples[1]!);
    expect(router.state.location.pathname).toBe('/plans/plan-1/tasks/task-bbbbbbbb-2');
  });

  it('shows a reason as text, never as HTML', () => {
    const { container } = renderWithProviders(<FailurePatterns patterns={[injected]} labelOf={(id) => id} now={now} />);
    expect(screen.getByText(injected.reason)).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('says so when nothing has failed', () => {
    renderWithProviders(<FailurePatterns patterns={[]} labelOf={(id) => id} now={now} />);
    expect(screen.getByText('No failed tasks yet.')).toBeInTheDocument();
  });
});

describe('failureTrend', () => {
  it('counts the last day and the day before, hour by hour', () => {
    const trend = failureTrend(timeouts, now);
    expect(trend).toMatchObject({ lastDay: 2, dayBefore: 1 });
    expect(trend.hourly).toHaveLength(24);
    expect(trend.hourly[22]).toBe(1);
    expect(trend.hourly[18]).toBe(1);
    expect(trend.hourly.reduce((a, b) => a + b, 0)).toBe(2);
  });
});
