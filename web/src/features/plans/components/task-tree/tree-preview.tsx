import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { TaskCard } from '@/features/plans/components/task-tree/task-card';
import { TreeToolbar } from '@/features/plans/components/task-tree/tree-toolbar';
import { FAR_ZOOM, layoutTree } from '@/features/plans/lib/layout-tree';
import { childrenOf, indexTasks } from '@/features/plans/lib/task-tree';
import { cardsInView, fittedViewport } from '@/features/plans/lib/tree-viewport';
import type { Task } from '@/types/api';
import './task-tree.css';

const ignore = () => {};

type TreePreviewProps = {
  tasks: readonly Task[];
  selectedId?: string | null;
  /** A click on a card opens its task already, as it will in the tree. */
  onOpen?: (task: Task) => void;
};

/**
 * The tree's first view, drawn while React Flow's code loads and takes in the plan: the cards the
 * fitted view shows, where and as React Flow will draw them, so that nothing moves when it takes over.
 * A click on a card opens its task; nothing else is offered (no keys, menus or dragging, and nothing for
 * assistive technology), for the tree replaces it within a moment.
 */
export function TreePreview({ tasks, selectedId = null, onOpen }: TreePreviewProps) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  // Measured before the browser paints, so the cards are in the first frame that shows the page.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (canvas) setSize({ width: canvas.clientWidth, height: canvas.clientHeight });
  }, []);

  // Nothing is collapsed, searched or filtered in a tree's first view.
  const positions = useMemo(() => layoutTree(tasks), [tasks]);
  const view = useMemo(() => {
    const viewport = size ? fittedViewport(positions, size.width, size.height) : null;
    if (!size || !viewport) return null;
    return { viewport, shown: cardsInView(positions, viewport, size.width, size.height) };
  }, [positions, size]);
  const index = useMemo(() => indexTasks(tasks), [tasks]);

  return (
    <div className="task-tree task-tree--preview" aria-busy="true">
      <div inert>
        <TreeToolbar
          search=""
          onSearch={ignore}
          filter="all"
          onFilter={ignore}
          matchCount={null}
          onNextMatch={ignore}
          onCollapseAll={ignore}
          onExpandAll={ignore}
          onFit={ignore}
        />
      </div>
      <div className="task-tree__canvas" ref={canvasRef} aria-hidden>
        {view && (
          <div
            className="tree-preview"
            style={{ transform: `translate(${view.viewport.x}px, ${view.viewport.y}px) scale(${view.viewport.zoom})` }}
          >
            {view.shown.map((id) => {
              const task = index.byId.get(id);
              const at = positions.get(id);
              if (!task || !at) return null;
              return (
                <div
                  key={id}
                  className="tree-preview__card"
                  style={{ transform: `translate(${at.x}px, ${at.y}px)` }}
                  onClick={() => onOpen?.(task)}
                >
                  <TaskCard
                    task={task}
                    childCount={childrenOf(index, id).length}
                    collapsed={false}
                    selected={id === selectedId}
                    focused={id === selectedId}
                    dimmed={false}
                    dropState={null}
                    diff={null}
                    far={view.viewport.zoom < FAR_ZOOM}
                    onToggle={null}
                    live={false}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
