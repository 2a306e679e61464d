import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ChatPanel } from '@/features/conversations/components/chat-panel';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';

const history = {
  id: 'c1',
  taskId: 't1',
  messages: [
    { id: 'm0', role: 'system', content: 'You are focused.', at: '2026-11-24T10:00:00Z', tokens: 5 },
    { id: 'm1', role: 'user', content: 'Design the cart', at: '2026-11-24T10:00:00Z', tokens: 4 },
    {
      id: 'm2',
      role: 'assistant',
      content: 'Here is a **plan**.',
      at: '2026-11-24T10:00:01Z',
      tokens: 12,
      promptVersionId: 'chat-v1',
    },
  ],
};

/** A reply in the AI SDK's UI message stream protocol; `hold` keeps the stream open after the text. */
function uiMessageStream(words: string[], hold = false): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (part: unknown) => controller.enqueue(encoder.encode(`data: ${JSON.stringify(part)}\n\n`));
      send({ type: 'start', messageId: 'm4' });
      send({ type: 'text-start', id: 'x' });
      for (const word of words) send({ type: 'text-delta', id: 'x', delta: word });
      if (hold) return;
      send({ type: 'text-end', id: 'x' });
      send({ type: 'finish', messageMetadata: { tokens: 9 } });
      controller.enqueue(encoder.encode('data: [DONE]\n\n'));
      controller.close();
    },
  });
  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' },
  });
}

describe('ChatPanel', () => {
  it('shows the stored conversation without its system prompt, with token counts', async () => {
    const server = mockFetch();
    server.get('/api/conversations/c1', history);
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" header={<div>Brief here</div>} />);
    const list = await screen.findByRole('list', { name: 'Messages' });
    expect(within(list).getByText('Design the cart')).toBeInTheDocument();
    expect(within(list).getByText('plan')).toContainHTML('strong');
    expect(within(list).queryByText('You are focused.')).toBeNull();
    expect(screen.getByText('Brief here')).toBeInTheDocument();
    expect(screen.getByText('21 tokens')).toBeInTheDocument();
  });

  it('shows what a priced reply cost, with its input and output tokens', async () => {
    const server = mockFetch();
    const priced = { ...history.messages[2], id: 'm3', content: 'A priced reply.', inputTokens: 1200, outputTokens: 300, costUsd: 0.00036 };
    server.get('/api/conversations/c1', { ...history, messages: [...history.messages, priced] });
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" header={<div>Brief here</div>} />);

    const cost = await screen.findByText('$0.00036');
    expect(cost).toHaveAttribute('title', '1,200 input + 300 output tokens');
    // The unpriced reply shows no cost at all.
    expect(screen.getAllByText(/^\$/)).toHaveLength(1);
  });

  it('sends only the new message and streams the reply in', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    let stored = history;
    server.get('/api/conversations/c1', () => json(stored));
    server.post('/api/conversations/c1/messages', () => {
      stored = {
        ...history,
        messages: [
          ...history.messages,
          { id: 'm3', role: 'user', content: 'And the totals?', at: '2026-11-24T10:01:00Z', tokens: 4 },
          { id: 'm4', role: 'assistant', content: 'Totals include tax.', at: '2026-11-24T10:01:01Z', tokens: 9 },
        ],
      };
      return uiMessageStream(['Totals ', 'include ', 'tax.']);
    });
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    await user.type(await screen.findByRole('textbox', { name: 'Message' }), 'And the totals?{Enter}');
    expect(await screen.findByText('Totals include tax.')).toBeInTheDocument();
    const post = server.calls.find((call) => call.method === 'POST');
    expect(post?.body).toEqual({ content: 'And the totals?' });
    expect(screen.getByText('And the totals?')).toBeInTheDocument();
  });

  it('offers Stop while a reply streams, and stopping keeps the partial reply', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/conversations/c1', history);
    server.post('/api/conversations/c1/messages', () => uiMessageStream(['Partial ', 'answer'], true));
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    await user.type(await screen.findByRole('textbox', { name: 'Message' }), 'Go on{Enter}');
    expect(await screen.findByText('Partial answer')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeInTheDocument());
    expect(screen.getByText('Partial answer')).toBeInTheDocument();
  });

  it('records a thumbs up on the reply, and pressing it again clears it', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/conversations/c1', history);
    server.post('/api/conversations/c1/messages/m2/feedback', ({ body }) =>
      json({ ...history.messages[2], feedback: (body as { verdict: string | null }).verdict }),
    );
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    const good = await screen.findByRole('button', { name: 'Good reply' });
    expect(good).toHaveAttribute('aria-pressed', 'false');
    await user.click(good);
    await waitFor(() =>
      expect(server.calls).toContainEqual({
        method: 'POST',
        url: '/api/conversations/c1/messages/m2/feedback',
        body: { verdict: 'up' },
      }),
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Good reply' })).toHaveAttribute('aria-pressed', 'true'));
    expect(screen.getByRole('button', { name: 'Bad reply' })).toHaveAttribute('aria-pressed', 'false');
    expect(server.calls.some((call) => call.url === '/api/outcomes')).toBe(false);

    await waitFor(() => expect(screen.getByRole('button', { name: 'Good reply' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Good reply' }));
    await waitFor(() =>
      expect(server.calls.filter((call) => call.url.endsWith('/feedback')).map((call) => call.body)).toEqual([
        { verdict: 'up' },
        { verdict: null },
      ]),
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Good reply' })).toHaveAttribute('aria-pressed', 'false'));
  });

  it('shows the stored verdict, and a refused one falls back to it with the reason', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/conversations/c1', {
      ...history,
      messages: history.messages.map((m) => (m.id === 'm2' ? { ...m, feedback: 'down' } : m)),
    });
    server.post('/api/conversations/c1/messages/m2/feedback', () => problem(400, 'Only replies take a verdict.'));
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    const bad = await screen.findByRole('button', { name: 'Bad reply' });
    expect(bad).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryAllByRole('button', { name: 'Good reply' })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Good reply' }));
    expect(await screen.findByText('Only replies take a verdict.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bad reply' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Good reply' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('shows the question a task is waiting on', async () => {
    const server = mockFetch();
    server.get('/api/conversations/c1', history);
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" question="Simple or flexible?" />);
    expect(await screen.findByText('Simple or flexible?')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveAttribute(
      'placeholder',
      expect.stringContaining('Answer the question'),
    );
  });
});
