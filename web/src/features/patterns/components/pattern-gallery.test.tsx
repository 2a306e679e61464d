import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PatternGallery } from '@/features/patterns/components/pattern-gallery';
import { json, mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';
import type { Pattern, PatternSummary } from '@/types/api';

const cart: PatternSummary = {
  id: 'p-cart',
  title: 'Shopping cart',
  request: 'Add a shopping cart to my e-commerce site with totals and a checkout',
  taskCount: 3,
  uses: 4,
  successRate: 0.75,
  origin: 'proven',
  successes: 3,
  createdAt: '2026-12-01T10:00:00Z',
};

const auth: PatternSummary = {
  id: 'p-auth',
  title: 'Sign-in',
  request: 'Add authentication to my app',
  taskCount: 2,
  uses: 0,
  successRate: null,
  origin: 'saved',
  successes: 0,
  createdAt: '2026-12-02T10:00:00Z',
};

const cartDetail: Pattern = {
  ...cart,
  successes: 3,
  sourcePlanId: 'plan-0',
  tasks: [
    { id: 'b', parentId: null, title: 'Cart logic', objective: 'Totals', mode: 'autonomous', dependsOn: ['a'], expectedOutputs: ['Code'], order: 1 },
    { id: 'a', parentId: null, title: 'Database schema', objective: 'Tables', mode: 'autonomous', dependsOn: [], expectedOutputs: ['SQL'], order: 0 },
    { id: 'c', parentId: 'b', title: 'Tax rules', objective: 'Tax', mode: 'interactive', dependsOn: [], expectedOutputs: [], order: 0 },
  ],
};

function gallery() {
  const server = mockFetch();
  server.get('/api/patterns', ({ url }) => {
    const query = url.searchParams.get('query');
    return json(query ? [auth, cart].filter((p) => p.request.toLowerCase().includes(query.toLowerCase())) : [cart, auth]);
  });
  server.get('/api/patterns/p-cart', cartDetail);
  return server;
}

describe('PatternGallery', () => {
  it('lists patterns with their record and searches once typing pauses', async () => {
    const user = userEvent.setup();
    const server = gallery();
    renderWithProviders(<PatternGallery />, { path: '/patterns' });

    const list = await screen.findByRole('list', { name: 'Patterns' });
    const first = within(list).getAllByRole('button')[0]!;
    expect(first).toHaveTextContent('Shopping cart');
    expect(first).toHaveTextContent('3 tasks');
    expect(first).toHaveTextContent('4 uses');
    expect(first).toHaveTextContent('75% succeeded');
    expect(within(list).getAllByRole('button')[1]).toHaveTextContent('not used yet');

    await user.type(screen.getByRole('searchbox', { name: 'Search patterns' }), 'auth');
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Patterns' })).getAllByRole('button')).toHaveLength(1));
    expect(screen.getByRole('list', { name: 'Patterns' })).toHaveTextContent('Sign-in');
    const searches = server.calls.filter((call) => call.url.startsWith('/api/patterns?'));
    // One search for the settled text, not one per keystroke.
    expect(searches.map((call) => call.url)).toEqual(['/api/patterns?query=auth']);
    expect(server.calls[0]?.url).toBe('/api/patterns');
  });

  it('opens already searched when the link carries a query', async () => {
    const server = gallery();
    renderWithProviders(<PatternGallery />, { path: '/patterns', route: '/patterns?query=auth' });

    expect(await screen.findByRole('searchbox', { name: 'Search patterns' })).toHaveValue('auth');
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Patterns' })).getAllByRole('button')).toHaveLength(1));
    expect(server.calls.map((call) => call.url)).toEqual(['/api/patterns?query=auth']);
  });

  it('previews the selected pattern’s tree in order, with what each task waits for', async () => {
    const user = userEvent.setup();
    gallery();
    const { router } = renderWithProviders(<PatternGallery />, { path: '/patterns' });

    await user.click(await screen.findByRole('button', { name: /Shopping cart/ }));
    const tree = await screen.findByRole('list', { name: 'Pattern tree' });
    const items = within(tree).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.pattern-tree__title')?.textContent)).toEqual([
      'Database schema',
      'Cart logic',
      'Tax rules',
    ]);
    // A child sits in its parent's list, one level in.
    expect(within(items[1]!).getByText('Tax rules').closest('ul')).toHaveClass('pattern-tree__children');
    expect(within(tree).getByText('after Database schema')).toBeInTheDocument();
    expect(screen.getByText('(3 of 4)')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?selected=p-cart');
  });

  it('starts a plan from the selected pattern with the person’s request and opens it', async () => {
    const user = userEvent.setup();
    const server = gallery();
    server.post('/api/plans', ({ body }) =>
      json({ id: 'plan-9', title: 'Cart for books', request: (body as { request: string }).request, status: 'proposed', version: 3, tasks: [] }, { status: 201 }),
    );
    const { router } = renderWithProviders(<PatternGallery />, { path: '/patterns', route: '/patterns?selected=p-cart' });

    const form = await screen.findByRole('form', { name: 'Start a plan from this pattern' });
    await user.type(within(form).getByRole('textbox', { name: 'Your request' }), '  A cart for my book shop ');
    await user.click(within(form).getByRole('button', { name: 'Start a plan from this pattern' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/plans/plan-9'));
    expect(server.calls.find((call) => call.method === 'POST')).toEqual({
      method: 'POST',
      url: '/api/plans',
      body: { request: 'A cart for my book shop', patternId: 'p-cart' },
    });
  });

  it('shows why a start was refused and stays on the gallery', async () => {
    const user = userEvent.setup();
    const server = gallery();
    server.post('/api/plans', () =>
      json({ status: 404, title: 'Not found', detail: 'Pattern p-cart is not in the gallery.' }, { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    const { router } = renderWithProviders(<PatternGallery />, { path: '/patterns', route: '/patterns?selected=p-cart' });

    const form = await screen.findByRole('form', { name: 'Start a plan from this pattern' });
    await user.type(within(form).getByRole('textbox', { name: 'Your request' }), 'A cart');
    await user.click(within(form).getByRole('button', { name: 'Start a plan from this pattern' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Pattern p-cart is not in the gallery.');
    expect(router.state.location.pathname).toBe('/patterns');
  });

  it('removes a pattern only after the person confirms', async () => {
    const user = userEvent.setup();
    const server = gallery();
    server.delete('/api/patterns/p-cart', () => new Response(null, { status: 204 }));
    const { router } = renderWithProviders(<PatternGallery />, { path: '/patterns', route: '/patterns?selected=p-cart' });

    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove this pattern?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(server.calls.some((call) => call.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove pattern' }));
    await waitFor(() => expect(server.calls).toContainEqual({ method: 'DELETE', url: '/api/patterns/p-cart', body: undefined }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });
});
