import { getViewportForBounds } from '@xyflow/react';
import { layoutBounds, layoutTree, NODE_HEIGHT, NODE_WIDTH } from '@/features/plans/lib/layout-tree';
import { cardsInView, fitOptions, fittedViewport, MIN_ZOOM } from '@/features/plans/lib/tree-viewport';
import { makeTask } from '@/testing/data-generators';
import type { Task } from '@/types/api';

function plan(leaves: number): Task[] {
  const tasks = [makeTask({ id: 'root', parentId: null, title: 'Root' })];
  for (let i = 0; i < leaves; i++) tasks.push(makeTask({ id: `t${i}`, parentId: 'root', title: `Task ${i}`, order: i }));
  return tasks;
}

describe('fittedViewport', () => {
  // The tree's first view is drawn before React Flow loads: it must be where React Flow's fitView puts it.
  it.each([
    [1, 1440, 800],
    [3, 900, 600],
    [40, 1200, 700],
    [2000, 1000, 780],
    [2000, 333, 1211],
  ])('equals React Flow’s fit for %i tasks in a %i×%i canvas', (leaves, width, height) => {
    const positions = layoutTree(plan(leaves));
    const bounds = layoutBounds(positions)!;
    const expected = getViewportForBounds(bounds, width, height, MIN_ZOOM, fitOptions.maxZoom, fitOptions.padding);
    const actual = fittedViewport(positions, width, height)!;
    expect(actual.zoom).toBeCloseTo(expected.zoom, 10);
    expect(actual.x).toBeCloseTo(expected.x, 6);
    expect(actual.y).toBeCloseTo(expected.y, 6);
  });

  it('has no view without tasks or without a size', () => {
    expect(fittedViewport(new Map(), 800, 600)).toBeNull();
    expect(fittedViewport(layoutTree(plan(3)), 0, 600)).toBeNull();
  });
});

describe('cardsInView', () => {
  it('keeps the cards the view shows and leaves out those beyond it', () => {
    const positions = layoutTree(plan(2000));
    const width = 1000;
    const height = 780;
    const viewport = fittedViewport(positions, width, height)!;
    const shown = cardsInView(positions, viewport, width, height);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(positions.size);
    for (const [id, at] of positions) {
      const screenTop = at.y * viewport.zoom + viewport.y;
      const screenBottom = (at.y + NODE_HEIGHT) * viewport.zoom + viewport.y;
      const screenLeft = at.x * viewport.zoom + viewport.x;
      const screenRight = (at.x + NODE_WIDTH) * viewport.zoom + viewport.x;
      const visible = screenBottom >= 0 && screenTop <= height && screenRight >= 0 && screenLeft <= width;
      expect(shown.includes(id)).toBe(visible);
    }
  });
});
