import { useReactFlow } from '@xyflow/react';
import type { KeyboardEvent } from 'react';
import type { TaskAction } from '@/features/plans/components/task-tree/task-context-menu';
import type { TaskFlowNode } from '@/features/plans/components/task-tree/task-node';
import type { TreeView } from '@/features/plans/components/task-tree/use-tree-view';
import { NODE_HEIGHT, NODE_WIDTH } from '@/features/plans/lib/layout-tree';
import { childrenOf } from '@/features/plans/lib/task-tree';
import { useStableCallback } from '@/hooks/use-stable-callback';
import type { Task } from '@/types/api';

type TreeKeyboardInput = {
  view: TreeView;
  focusedId: string | null;
  readOnly: boolean;
  focusTask: (taskId: string | undefined) => void;
  openMenu: (task: Task, clientX: number, clientY: number) => void;
  fitAgain: () => void;
  onOpen?: (task: Task) => void;
  onCycleMode?: (task: Task) => void;
  onAction?: (action: TaskAction, task: Task) => void;
};

/**
 * The tree's keys, as in a file tree: arrows move and fold, Home and End jump, Enter opens, Space
 * folds; M changes the mode, F2 renames, A adds a child, Delete deletes, Shift+F10 or the menu key
 * opens the actions, F fits the view.
 */
export function useTreeKeyboard({
  view,
  focusedId,
  readOnly,
  focusTask,
  openMenu,
  fitAgain,
  onOpen,
  onCycleMode,
  onAction,
}: TreeKeyboardInput) {
  const flow = useReactFlow<TaskFlowNode>();
  const { index, visible, effectiveCollapsed, toggle, positions } = view;

  return useStableCallback((event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    const current = focusedId ? index.byId.get(focusedId) : undefined;
    if (!current) {
      if (event.key.startsWith('Arrow') && visible[0]) {
        event.preventDefault();
        focusTask(visible[0].id);
      }
      return;
    }
    const position = visible.findIndex((task) => task.id === current.id);
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case 'ArrowDown':
        handled();
        focusTask(visible[Math.min(position + 1, visible.length - 1)]?.id);
        break;
      case 'ArrowUp':
        handled();
        focusTask(visible[Math.max(position - 1, 0)]?.id);
        break;
      case 'ArrowLeft':
        handled();
        if (childrenOf(index, current.id).length > 0 && !effectiveCollapsed.has(current.id)) toggle(current.id);
        else if (current.parentId) focusTask(current.parentId);
        break;
      case 'ArrowRight': {
        handled();
        const kids = childrenOf(index, current.id);
        if (kids.length === 0) break;
        if (effectiveCollapsed.has(current.id)) toggle(current.id);
        else focusTask(kids[0]?.id);
        break;
      }
      case 'Home':
        handled();
        focusTask(visible[0]?.id);
        break;
      case 'End':
        handled();
        focusTask(visible[visible.length - 1]?.id);
        break;
      case 'Enter':
        handled();
        onOpen?.(current);
        break;
      case ' ':
        handled();
        if (childrenOf(index, current.id).length > 0) toggle(current.id);
        break;
      case 'm':
      case 'M':
        if (!readOnly && onCycleMode) {
          handled();
          onCycleMode(current);
        }
        break;
      case 'F2':
        if (!readOnly && onAction) {
          handled();
          onAction('rename', current);
        }
        break;
      case 'a':
      case 'A':
        if (!readOnly && onAction) {
          handled();
          onAction('add-child', current);
        }
        break;
      case 'Delete':
        if (!readOnly && onAction && current.parentId) {
          handled();
          onAction('delete', current);
        }
        break;
      case 'ContextMenu':
      case 'F10': {
        if (event.key === 'F10' && !event.shiftKey) break;
        handled();
        const point = positions.get(current.id);
        if (point) {
          const screen = flow.flowToScreenPosition({ x: point.x + NODE_WIDTH / 2, y: point.y + NODE_HEIGHT / 2 });
          openMenu(current, screen.x, screen.y);
        }
        break;
      }
      case 'f':
        handled();
        fitAgain();
        break;
      default:
    }
  });
}
