import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ChatPanel, splitRequest } from '@/features/conversations/components/chat-panel';
import { makeMessage } from '@/testing/data-generators';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';
import type { Conversation, SubtaskProposal } from '@/types/api';

const proposal: SubtaskProposal = {
  id: 'p1',
  status: 'open',
  reason: 'It mixes <b>research</b> and design.',
  subtasks: [
    { key: 'research', title: 'Research payments', objective: 'Find out.', mode: 'autonomous', dependsOn: [], expectedOutputs: ['Notes'] },
    { key: 'design', title: 'Design the form', objective: 'Decide.', mode: 'interactive', dependsOn: ['research'], expectedOutputs: ['Decisions'] },
  ],
  taskIds: [],
};

const conversation = (withProposal: SubtaskProposal | null): Conversation => ({
  id: 'c1',
  taskId: 't1',
  planId: 'plan-1',
  parentId: 'root',
  mode: 'interactive',
  title: 'Checkout',
  brief: '',
  expectedOutputs: [],
  inputs: [],
  status: 'idle',
  pendingQuestion: null,
  recap: null,
  messages: [
    makeMessage({ id: 'm1', role: 'user', content: 'Split this', at: '2026-11-24T10:00:00Z', tokens: 2 }),
    makeMessage({ id: 'm2', role: 'assistant', content: 'Two parts.', at: '2026-11-24T10:00:01Z', tokens: 3, proposal: withProposal }),
  ],
});

describe('ProposalCard in the chat', () => {
  it('shows the proposed child chats as text with their mode, dependencies and outputs', async () => {
    const server = mockFetch();
    server.get('/api/conversations/c1', conversation(proposal));
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    const card = await screen.findByRole('region', { name: 'Proposed child chats' });
    expect(within(card).getByText('Split into 2 child chats?')).toBeInTheDocument();
    expect(within(card).getByText('It mixes <b>research</b> and design.')).toBeInTheDocument();
    expect(card.querySelector('b')).toBeNull();
    expect(within(card).getByText('After: Research payments')).toBeInTheDocument();
    expect(within(card).getByText('Delivers: Decisions')).toBeInTheDocument();
    expect(within(card).getByText('Interactive')).toBeInTheDocument();
  });

  it('creates the edited child chats and then links to them', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/conversations/c1', conversation(proposal));
    server.post('/api/conversations/c1/proposals/p1/accept', () => {
      server.get('/api/conversations/c1', conversation({ ...proposal, status: 'accepted', subtasks: [{ ...proposal.subtasks[0]!, title: 'Research card payments' }, proposal.subtasks[1]!], taskIds: ['t2', 't3'] }));
      return json({ planId: 'plan-1', parentId: 't1', version: 9, tasks: [] });
    });
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const title = screen.getByLabelText('Title of child chat 1');
    await user.clear(title);
    await user.type(title, 'Research card payments');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    const accept = await waitFor(() => {
      const call = server.calls.find((c) => c.url === '/api/conversations/c1/proposals/p1/accept');
      expect(call).toBeDefined();
      return call!;
    });
    expect((accept.body as { subtasks: { title: string }[] }).subtasks[0]!.title).toBe('Research card payments');
    const link = await screen.findByRole('link', { name: 'Research card payments' });
    expect(link).toHaveAttribute('href', '/plans/plan-1/tasks/t2');
    expect(screen.getByText('Created 2 child chats')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
  });

  it('says why the Planner refused and keeps the proposal open', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/conversations/c1', conversation(proposal));
    server.post('/api/conversations/c1/proposals/p1/accept', () => problem(409, "Task 'Checkout' is completed: subtasks can only be added to a pending task."));
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    await user.click(await screen.findByRole('button', { name: 'Create' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('is completed');
    expect(screen.getByRole('button', { name: 'Create' })).toBeEnabled();
  });

  it('dismisses a proposal', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/conversations/c1', conversation(proposal));
    server.post('/api/conversations/c1/proposals/p1/dismiss', () => {
      server.get('/api/conversations/c1', conversation({ ...proposal, status: 'dismissed' }));
      return json({});
    });
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    await user.click(await screen.findByRole('button', { name: 'Dismiss' }));

    expect(await screen.findByText('Split dismissed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
  });

  it('asks the model to split with the button, and offers no button in an autonomous subtask', async () => {
    const user = userEvent.setup();
    const server = mockFetch();
    server.get('/api/conversations/c1', conversation(null));
    server.post('/api/conversations/c1/messages', () => new Response('data: [DONE]\n\n', { headers: { 'Content-Type': 'text/event-stream' } }));
    const { unmount } = renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);

    await user.click(await screen.findByRole('button', { name: 'Split into child chats' }));
    await waitFor(() => expect(server.calls.find((c) => c.url === '/api/conversations/c1/messages')?.body).toEqual({ content: splitRequest }));
    unmount();

    server.get('/api/conversations/c1', { ...conversation(null), mode: 'autonomous' });
    renderWithProviders(<ChatPanel conversationId="c1" subject="plan-1" />);
    await screen.findByRole('list', { name: 'Messages' });
    expect(screen.queryByRole('button', { name: 'Split into child chats' })).toBeNull();
  });
});
