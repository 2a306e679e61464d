import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ExperimentCard } from '@/features/analytics/components/experiment-card';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';

const results = {
  id: 'exp-1',
  prompt: 'decompose',
  status: 'running',
  variants: [
    { versionId: 'v1', n: 400, successes: 240, rate: 0.6, low: 0.55, high: 0.65, pValue: null, probabilityBest: 0.04 },
    { versionId: 'v2', n: 410, successes: 287, rate: 0.7, low: 0.65, high: 0.74, pValue: 0.002, probabilityBest: 0.96 },
  ],
  winner: 'v2',
};

describe('ExperimentCard', () => {
  it('charts each variant’s rate with its interval and significance', async () => {
    const server = mockFetch();
    server.get('/api/experiments/exp-1/results', results);
    renderWithProviders(<ExperimentCard id="exp-1" labelOf={(id) => `decompose ${id}`} />);
    const chart = await screen.findByRole('img', { name: /Success rate by variant/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('decompose v2 70.0% (65.0%–74.0%)'));
    expect(within(chart).getByText(/p=0\.002/)).toBeInTheDocument();
    expect(within(chart).getByText(/P\(best\) 96%/)).toBeInTheDocument();
    expect(screen.getByText('decompose v2', { selector: 'strong' })).toBeInTheDocument();
  });

  it('stops the experiment and promotes the winner', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/experiments/exp-1/results', results);
    server.post('/api/experiments/exp-1/stop', () => json({}));
    server.post('/api/experiments/exp-1/promote', () => json({}));
    renderWithProviders(<ExperimentCard id="exp-1" labelOf={(id) => id} />);
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    await user.click(screen.getByRole('button', { name: 'Promote…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(server.calls).toContainEqual({ method: 'POST', url: '/api/experiments/exp-1/promote', body: { versionId: 'v2' } }),
    );
    expect(server.calls.some((call) => call.url === '/api/experiments/exp-1/stop')).toBe(true);
  });

  it('shows why a promotion was refused', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/experiments/exp-1/results', results);
    server.post('/api/experiments/exp-1/promote', () => problem(400, 'Version v2 belongs to another template.'));
    renderWithProviders(<ExperimentCard id="exp-1" labelOf={(id) => id} />);
    await user.click(await screen.findByRole('button', { name: 'Promote…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Promote' }));
    expect(await screen.findByText('Version v2 belongs to another template.')).toBeInTheDocument();
  });
});
