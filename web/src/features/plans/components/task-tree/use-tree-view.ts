import { useCallback, useMemo, useState } from 'react';
import { layoutTree, structureKey } from '@/features/plans/lib/layout-tree';
import {
  ancestorIds,
  childrenOf,
  indexTasks,
  matchesFilter,
  visibleTasks,
  type StatusFilter,
} from '@/features/plans/lib/task-tree';
import type { Task } from '@/types/api';

/**
 * What of the tree the person sees: which subtrees are folded, what the search and the status filter
 * match, the tasks left visible and where each is laid out.
 */
export function useTreeView(tasks: readonly Task[]) {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<StatusFilter>('all');

  const index = useMemo(() => indexTasks(tasks), [tasks]);

  const filtering = search.trim() !== '' || filter !== 'all';
  const matches = useMemo(() => {
    if (!filtering) return null;
    return new Set(
      tasks
        .filter((task) => matchesFilter(task, filter, search, childrenOf(index, task.id).length > 0))
        .map((task) => task.id),
    );
  }, [tasks, filter, search, filtering, index]);

  // While searching, open the collapsed ancestors of what matches so that every match is visible.
  const effectiveCollapsed = useMemo(() => {
    if (!matches || matches.size === 0) return collapsed;
    const open = new Set(collapsed);
    for (const id of matches) for (const ancestor of ancestorIds(index, id)) open.delete(ancestor);
    return open;
  }, [collapsed, matches, index]);

  const visible = useMemo(() => visibleTasks(index, effectiveCollapsed), [index, effectiveCollapsed]);
  const layoutKey = structureKey(visible);
  // Statuses change far more often than structure; lay out again only when the structure changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the structure on purpose, not on statuses
  const positions = useMemo(() => layoutTree(visible), [layoutKey]);

  const matchOrder = useMemo(() => (matches ? visible.filter((task) => matches.has(task.id)) : []), [matches, visible]);

  const toggle = useCallback((taskId: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(taskId)) next.delete(taskId);
      else next.add(taskId);
      return next;
    });
  }, []);

  const collapseAll = () =>
    setCollapsed(new Set(tasks.filter((task) => task.parentId !== null && childrenOf(index, task.id).length > 0).map((task) => task.id)));
  const expandAll = () => setCollapsed(new Set());

  return {
    index,
    search,
    setSearch,
    filter,
    setFilter,
    matches,
    matchOrder,
    effectiveCollapsed,
    visible,
    layoutKey,
    positions,
    toggle,
    collapseAll,
    expandAll,
  };
}

export type TreeView = ReturnType<typeof useTreeView>;
