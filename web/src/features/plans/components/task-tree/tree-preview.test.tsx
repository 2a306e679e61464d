import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TreePreview } from '@/features/plans/components/task-tree/tree-preview';
import { layoutTree } from '@/features/plans/lib/layout-tree';
import { cardsInView, fittedViewport } from '@/features/plans/lib/tree-viewport';
import { makeShoppingCartPlan, makeTask } from '@/testing/data-generators';
import type { Task } from '@/types/api';

const width = 1000;
const height = 700;

function largePlan(count: number): Task[] {
  const tasks = [makeTask({ id: 'root', parentId: null, title: 'Root' })];
  for (let i = 1; i < count; i++) tasks.push(makeTask({ id: `t${i}`, parentId: 'root', title: `Task ${i}`, order: i }));
  return tasks;
}

describe('TreePreview', () => {
  // jsdom lays nothing out: the canvas is given the size a browser would.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(width);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(height);
  });
  afterEach(() => vi.restoreAllMocks());

  it('draws the cards of the fitted view, with their titles, modes and statuses, and marks the open task', () => {
    const plan = makeShoppingCartPlan();
    const { container } = render(<TreePreview tasks={plan.tasks} selectedId="design" />);
    const cards = container.querySelectorAll('.task-node');
    expect(cards).toHaveLength(plan.tasks.length);
    const design = [...cards].find((card) => card.textContent?.includes('Design cart UI'));
    expect(design).toHaveClass('is-selected');
    expect(design).toHaveAttribute('data-status', 'pending');
    expect(design).toHaveTextContent('Interactive');
  });

  it('draws a large plan as blocks, only the cards in view, where React Flow will draw them', () => {
    const tasks = largePlan(2000);
    const { container } = render(<TreePreview tasks={tasks} />);
    const positions = layoutTree(tasks);
    const viewport = fittedViewport(positions, width, height)!;
    const cards = container.querySelectorAll('.task-node');
    expect(cards).toHaveLength(cardsInView(positions, viewport, width, height).length);
    expect(cards.length).toBeLessThan(tasks.length);
    expect(cards[0]).toHaveClass('task-node--far');
    expect(cards[0]).not.toHaveTextContent('Task');
    expect(container.querySelector('.tree-preview')).toHaveStyle({
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    });
  });

  it('opens a task when its card is clicked', () => {
    const plan = makeShoppingCartPlan();
    const onOpen = vi.fn();
    const { container } = render(<TreePreview tasks={plan.tasks} onOpen={onOpen} />);
    const design = [...container.querySelectorAll('.task-node')].find((card) => card.textContent?.includes('Design cart UI'))!;
    fireEvent.click(design);
    expect(onOpen).toHaveBeenCalledWith(plan.tasks.find((task) => task.id === 'design'));
  });

  it('offers nothing to reach: no tree items, hidden from assistive technology, toolbar inert', () => {
    const { container } = render(<TreePreview tasks={makeShoppingCartPlan().tasks} />);
    expect(screen.queryAllByRole('treeitem')).toHaveLength(0);
    expect(container.querySelector('.task-tree__canvas')).toHaveAttribute('aria-hidden', 'true');
    expect(container.querySelector('[inert]')).toContainElement(container.querySelector('.tree-toolbar') as HTMLElement);
  });
});
