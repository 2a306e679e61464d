import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { usePlan } from '@/features/plans/api/get-plan';
import { planKeys } from '@/features/plans/api/plan-keys';
import { PlanTreePanel } from '@/features/plans/components/plan-tree-panel';
import type { PlanView } from '@/types/api';
import { makeShoppingCartPlan } from '@/testing/data-generators';
import { json, mockFetch, problem } from '@/testing/mock-fetch';
import { createTestQueryClient, renderWithProviders } from '@/testing/test-utils';

// The route feeds the panel from the plan query; so does this harness, so cache updates show.
function Harness({ planId, onOpenTask }: { planId: string; onOpenTask: () => void }) {
  const plan = usePlan(planId);
  return plan.data ? <PlanTreePanel plan={plan.data} selectedTaskId={null} onOpenTask={onOpenTask} /> : null;
}

function setup() {
  const plan = makeShoppingCartPlan();
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(planKeys.detail(plan.id), plan);
  const server = mockFetch();
  server.get(`/api/plans/${plan.id}`, () => json(plan));
  const onOpenTask = vi.fn();
  renderWithProviders(<Harness planId={plan.id} onOpenTask={onOpenTask} />, { queryClient });
  return { plan, server, queryClient, onOpenTask };
}

describe('PlanTreePanel', () => {
  // First in the file: React Flow's code is loaded once per page, and then the tree is drawn at once.
  it('draws the tree’s first view while React Flow’s code loads, then the interactive tree in its place', async () => {
    const { plan } = setup();
    expect(document.querySelector('.task-tree--preview')).not.toBeNull();
    expect(screen.queryAllByRole('treeitem')).toHaveLength(0);
    expect(await screen.findAllByRole('treeitem')).toHaveLength(plan.tasks.length);
    expect(document.querySelector('.task-tree--preview')).toBeNull();
  });

  it('changes a mode on double-click: Auto becomes Interactive', async () => {
    const { server, plan, queryClient } = setup();
    let current = plan;
    server.get(`/api/plans/${plan.id}`, () => json(current));
    server.patch(`/api/plans/${plan.id}/tasks/schema`, ({ body }) => {
      current = { ...plan, tasks: plan.tasks.map((task) => (task.id === 'schema' ? { ...task, ...(body as object) } : task)) };
      return json({});
    });
    fireEvent.doubleClick(await screen.findByTestId('task-node-schema'));
    await waitFor(() =>
      expect(server.calls).toContainEqual({ method: 'PATCH', url: `/api/plans/${plan.id}/tasks/schema`, body: { mode: 'interactive' } }),
    );
    await waitFor(() => expect(screen.getByTestId('task-node-schema')).toHaveAttribute('data-mode', 'interactive'));
    const cached = queryClient.getQueryData<PlanView>(planKeys.detail(plan.id));
    expect(cached?.tasks.find((task) => task.id === 'schema')?.mode).toBe('interactive');
  });

  it('shows the server’s problem detail when an edit is refused, and rolls it back', async () => {
    const { server, plan, queryClient } = setup();
    server.patch(`/api/plans/${plan.id}/tasks/logic`, () => problem(409, 'The task is running; its mode cannot change now.'));
    server.get(`/api/plans/${plan.id}`, () => json(plan));
    fireEvent.doubleClick(await screen.findByTestId('task-node-logic'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The task is running; its mode cannot change now.');
    const cached = queryClient.getQueryData<PlanView>(planKeys.detail(plan.id));
    expect(cached?.tasks.find((task) => task.id === 'logic')?.mode).toBe('interactive');
  });

  it('adds a child task through the dialog', async () => {
    const user = userEvent.setup();
    const { server, plan } = setup();
    server.post(`/api/plans/${plan.id}/tasks`, () => json({ id: 'new' }, { status: 201 }));
    fireEvent.contextMenu(await screen.findByTestId('task-node-design'));
    await user.click(screen.getByRole('menuitem', { name: /Add child task/ }));
    const dialog = screen.getByRole('dialog', { name: 'Add a child task' });
    await user.type(within(dialog).getByLabelText('Title'), 'Sketch the empty cart');
    await user.selectOptions(within(dialog).getByLabelText('Mode'), 'hybrid');
    await user.click(within(dialog).getByRole('button', { name: 'Add task' }));
    await waitFor(() =>
      expect(server.calls).toContainEqual({
        method: 'POST',
        url: `/api/plans/${plan.id}/tasks`,
        body: { parentId: 'design', title: 'Sketch the empty cart', mode: 'hybrid' },
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('deletes a subtree after confirmation', async () => {
    const user = userEvent.setup();
    const { server, plan } = setup();
    server.delete(`/api/plans/${plan.id}/tasks/api`, () => new Response(null, { status: 204 }));
    server.get(`/api/plans/${plan.id}`, () => json({ ...plan, tasks: plan.tasks.filter((task) => task.id !== 'api') }));
    fireEvent.contextMenu(await screen.findByTestId('task-node-api'));
    await user.click(screen.getByRole('menuitem', { name: /Delete subtree/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByTestId('task-node-api')).toBeNull());
    expect(server.calls.some((call) => call.method === 'DELETE')).toBe(true);
  });

  it('says in words when the planner keeps a task as one, and counts the subtasks when it splits', async () => {
    const user = userEvent.setup();
    const { server, plan } = setup();
    const decomposition = { planId: plan.id, promptVersionId: 'v1', attempts: 1, repairs: [], version: 10 };
    server.post(`/api/plans/${plan.id}/tasks/tests/decompose`, () =>
      json({ ...decomposition, taskId: 'tests', action: 'execute', reason: 'Writing these tests is one focused piece of work.', tasks: [] }),
    );
    fireEvent.contextMenu(await screen.findByTestId('task-node-tests'));
    await user.click(screen.getByRole('menuitem', { name: 'Decompose into subtasks' }));
    const kept = await screen.findByText('I’ll do “Write tests” directly as one task');
    expect(kept.closest('[role="status"]')).toHaveTextContent('Writing these tests is one focused piece of work.');
    expect(screen.queryByText('Subtasks proposed')).toBeNull();

    const children = [plan.tasks[1]!, plan.tasks[2]!].map((task) => ({ ...task, parentId: 'api' }));
    server.post(`/api/plans/${plan.id}/tasks/api/decompose`, () =>
      json({ ...decomposition, taskId: 'api', action: 'split', reason: 'Two parts.', tasks: children }),
    );
    fireEvent.contextMenu(screen.getByTestId('task-node-api'));
    await user.click(screen.getByRole('menuitem', { name: 'Decompose into subtasks' }));
    const proposed = await screen.findByText('Subtasks proposed');
    expect(proposed.closest('[role="status"]')).toHaveTextContent('2 new task(s) under “Create API endpoints”.');
  });

  it('lists the tasks that need the person, with jump in', async () => {
    const user = userEvent.setup();
    const { onOpenTask } = setup();
    await user.click(await screen.findByRole('button', { name: /need you/ }));
    // Nothing is running in a proposed plan.
    expect(screen.getByText('Nothing is waiting for you.')).toBeInTheDocument();
    expect(onOpenTask).not.toHaveBeenCalled();
  });
});
