import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HealthPanel } from '@/features/system/components/health-panel';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';

describe('HealthPanel', () => {
  it('lists every service with its status and the active model', async () => {
    const server = mockFetch();
    server.get('/api/system/health', {
      services: [
        { name: 'planner', status: 'healthy' },
        { name: 'executor', status: 'unhealthy', detail: 'RabbitMQ connection refused' },
      ],
    });
    server.get('/api/model', { provider: 'simulator', model: 'sim-1', simulated: true });

    renderWithProviders(<HealthPanel />);

    const list = await screen.findByRole('list', { name: 'Services' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('planner');
    expect(items[0]).toHaveTextContent('healthy');
    expect(items[1]).toHaveAttribute('data-status', 'unhealthy');
    expect(items[1]).toHaveTextContent('RabbitMQ connection refused');
    expect(await screen.findByText('Local simulator')).toBeInTheDocument();
    expect(screen.getByText('simulated answers')).toBeInTheDocument();
  });

  it('says the services are unreachable when the health route is missing', async () => {
    const server = mockFetch();
    server.get('/api/system/health', () => problem(404, 'Not found'));
    server.get('/api/model', () => json({}, { status: 404 }));

    renderWithProviders(<HealthPanel />);

    expect(await screen.findByText('Services unreachable')).toBeInTheDocument();
    expect(await screen.findByText('unreachable')).toBeInTheDocument();
  });

  it('says the server is unreachable on a network error', async () => {
    const server = mockFetch();
    server.networkError('GET', '/api/system/health');
    server.networkError('GET', '/api/model');

    renderWithProviders(<HealthPanel />);

    expect(await screen.findByText('Services unreachable')).toBeInTheDocument();
    expect(screen.getAllByText(/The server is unreachable/).length).toBeGreaterThan(0);
  });
});
