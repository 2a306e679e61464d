import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TaskTree } from '@/features/plans/components/task-tree/task-tree';
import { makeShoppingCartPlan, makeTask } from '@/testing/data-generators';

function renderTree(overrides: Partial<Parameters<typeof TaskTree>[0]> = {}) {
  const handlers = {
    onOpen: vi.fn(),
    onCycleMode: vi.fn(),
    onMove: vi.fn(),
    onAction: vi.fn(),
  };
  const plan = makeShoppingCartPlan();
  const view = render(
    <div style={{ width: 1000, height: 700 }}>
      <TaskTree tasks={plan.tasks} {...handlers} {...overrides} />
    </div>,
  );
  return { ...view, handlers, plan };
}

describe('TaskTree', () => {
  it('shows every task with its title, mode badge and status', () => {
    renderTree();
    const node = screen.getByTestId('task-node-design');
    expect(node).toHaveTextContent('Design cart UI');
    expect(within(node).getByText('Interactive')).toHaveClass('mode-badge--interactive');
    expect(node).toHaveAttribute('data-status', 'pending');
    expect(screen.getByTestId('task-node-research')).toHaveTextContent('Auto');
    expect(screen.getAllByRole('treeitem')).toHaveLength(8);
  });

  it('colours tasks by status: failed and awaiting input are marked', () => {
    const tasks = [
      makeTask({ id: 'r', title: 'Root' }),
      makeTask({ id: 'f', parentId: 'r', title: 'Broken', status: 'failed' }),
      makeTask({ id: 'w', parentId: 'r', title: 'Asking', status: 'awaiting-input', order: 1 }),
    ];
    render(
      <div style={{ width: 800, height: 600 }}>
        <TaskTree tasks={tasks} />
      </div>,
    );
    expect(screen.getByTestId('task-node-f')).toHaveClass('task-node--failed');
    expect(screen.getByTestId('task-node-w')).toHaveClass('task-node--awaiting-input');
    expect(screen.getByTestId('task-node-w')).toHaveTextContent('Needs you');
  });

  it('opens a task on click and changes its mode on double-click', () => {
    const { handlers } = renderTree();
    fireEvent.click(screen.getByTestId('task-node-schema'));
    expect(handlers.onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'schema' }));
    fireEvent.doubleClick(screen.getByTestId('task-node-schema'));
    expect(handlers.onCycleMode).toHaveBeenCalledWith(expect.objectContaining({ id: 'schema' }));
  });

  it('offers the task actions on right-click, without delete or clone for the root', () => {
    const { handlers } = renderTree();
    fireEvent.contextMenu(screen.getByTestId('task-node-root'));
    const menu = screen.getByRole('menu', { name: /Shopping cart feature/ });
    expect(within(menu).getByRole('menuitem', { name: /Delete subtree/ })).toBeDisabled();
    expect(within(menu).getByRole('menuitem', { name: /Clone subtree/ })).toBeDisabled();
    fireEvent.click(within(menu).getByRole('menuitem', { name: /Add child task/ }));
    expect(handlers.onAction).toHaveBeenCalledWith('add-child', expect.objectContaining({ id: 'root' }));
    expect(screen.queryByRole('menu')).toBeNull();

    fireEvent.contextMenu(screen.getByTestId('task-node-api'));
    fireEvent.click(screen.getByRole('menuitem', { name: /Delete subtree/ }));
    expect(handlers.onAction).toHaveBeenCalledWith('delete', expect.objectContaining({ id: 'api' }));
  });

  it('moves through the tree with the keyboard and opens with Enter', () => {
    const { handlers } = renderTree({ selectedId: 'root' });
    const tree = screen.getByRole('tree', { name: 'Task tree' });
    tree.focus();
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(screen.getByTestId('task-node-research')).toHaveClass('is-focused');
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(screen.getByTestId('task-node-design')).toHaveClass('is-focused');
    fireEvent.keyDown(tree, { key: 'Enter' });
    expect(handlers.onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'design' }));
    fireEvent.keyDown(tree, { key: 'm' });
    expect(handlers.onCycleMode).toHaveBeenCalledWith(expect.objectContaining({ id: 'design' }));
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(screen.getByTestId('task-node-root')).toHaveClass('is-focused');
  });

  it('collapses a subtree and shows how many tasks it hides', () => {
    renderTree();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse subtasks' }));
    expect(screen.queryByTestId('task-node-design')).toBeNull();
    expect(screen.getByRole('button', { name: 'Expand 7 subtasks' })).toHaveTextContent('+7');
    fireEvent.click(screen.getByRole('button', { name: 'Expand 7 subtasks' }));
    expect(screen.getByTestId('task-node-design')).toBeInTheDocument();
  });

  it('dims what does not match the search and counts the matches', () => {
    renderTree();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search tasks' }), { target: { value: 'cart' } });
    expect(screen.getByText('3 matches')).toBeInTheDocument();
    expect(screen.getByTestId('task-node-design')).not.toHaveClass('is-dimmed');
    expect(screen.getByTestId('task-node-schema')).toHaveClass('is-dimmed');
  });

  it('is read-only when asked: no menu, no mode change', () => {
    const { handlers } = renderTree({ readOnly: true });
    fireEvent.doubleClick(screen.getByTestId('task-node-schema'));
    fireEvent.contextMenu(screen.getByTestId('task-node-schema'));
    expect(handlers.onCycleMode).not.toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('draws cards seen from afar as blocks of their status colour, and in full again up close', () => {
    renderTree();
    const zoomOut = screen.getByRole('button', { name: /zoom out/i });
    // Each step is a factor of 1.2: seven steps from 1 go below 0.3.
    for (let step = 0; step < 7; step++) fireEvent.click(zoomOut);
    const design = screen.getByTestId('task-node-design');
    expect(design).toHaveClass('task-node--far');
    expect(design).toHaveAttribute('data-status', 'pending');
    expect(design).toHaveAccessibleName(/Design cart UI/);
    expect(within(design).queryByText('Design cart UI')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Collapse subtasks' })).toBeNull();

    const zoomIn = screen.getByRole('button', { name: /zoom in/i });
    for (let step = 0; step < 7; step++) fireEvent.click(zoomIn);
    expect(screen.getByTestId('task-node-design')).not.toHaveClass('task-node--far');
    expect(screen.getByTestId('task-node-design')).toHaveTextContent('Design cart UI');
  });

  it('previews a finished task’s result as Markdown while the pointer is on its card, and nothing for a task without one', async () => {
    const plan = makeShoppingCartPlan();
    const result = '**Chose Stripe** for payments.\n\n<img src=x onerror="window.__ran = true">\n\n| option | fee |\n|---|---|\n| Stripe | 2.9% |';
    const tasks = plan.tasks.map((task) => (task.id === 'research' ? { ...task, status: 'completed' as const, result } : task));
    render(
      <div style={{ width: 1000, height: 700 }}>
        <TaskTree tasks={tasks} />
      </div>,
    );
    const card = (id: string) => screen.getByTestId(`task-node-${id}`).closest('.react-flow__node') as HTMLElement;

    fireEvent.mouseEnter(card('design'));
    expect(screen.queryByTestId('result-preview')).toBeNull();

    fireEvent.mouseEnter(card('research'));
    const preview = await screen.findByTestId('result-preview');
    expect((await within(preview).findByText('Chose Stripe')).tagName).toBe('STRONG');
    expect(within(preview).getByRole('table')).toBeInTheDocument();
    expect(preview.querySelector('img')).toBeNull();
    expect((window as unknown as { __ran?: boolean }).__ran).toBeUndefined();

    fireEvent.mouseLeave(card('research'));
    expect(screen.queryByTestId('result-preview')).toBeNull();
  });
});
