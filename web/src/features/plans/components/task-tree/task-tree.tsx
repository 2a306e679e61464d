import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStoreApi,
  type Viewport,
  type Edge,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { DependencyEdge } from '@/features/plans/components/task-tree/dependency-edge';
import { TaskContextMenu, type TaskAction } from '@/features/plans/components/task-tree/task-context-menu';
import {
  TaskNode,
  taskNodeHandles,
  taskNodeMeasured,
  type DropState,
  type TaskFlowNode,
  type TaskNodeData,
} from '@/features/plans/components/task-tree/task-node';
import { TreeToolbar } from '@/features/plans/components/task-tree/tree-toolbar';
import { layoutTree, NODE_HEIGHT, NODE_WIDTH, structureKey, type Point } from '@/features/plans/lib/layout-tree';
import {
  ancestorIds,
  canMarkDone,
  checkMove,
  childrenOf,
  indexTasks,
  matchesFilter,
  visibleTasks,
  type StatusFilter,
} from '@/features/plans/lib/task-tree';
import { fitOptions, fittedViewport, MAX_ZOOM, MIN_ZOOM } from '@/features/plans/lib/tree-viewport';
import { useStableCallback } from '@/hooks/use-stable-callback';
import type { Task } from '@/types/api';
import './task-tree.css';

const nodeTypes = { task: TaskNode };
const edgeTypes = { dependency: DependencyEdge };

export type TaskTreeProps = {
  tasks: readonly Task[];
  selectedId?: string | null;
  readOnly?: boolean;
  /** Marks tasks in a version diff. */
  diff?: ReadonlyMap<string, 'added' | 'changed'>;
  toolbarExtra?: ReactNode;
  onOpen?: (task: Task) => void;
  onCycleMode?: (task: Task) => void;
  onMove?: (taskId: string, parentId: string, index: number) => void;
  onAction?: (action: TaskAction, task: Task) => void;
  /** Called when a drop is refused, with the reason to show. */
  onRefuse?: (reason: string) => void;
};

// React Flow copies a prop such as this one into its store whenever its identity changes, and each
// store change runs the selectors of every card, edge and minimap entry: none may change per render.
const proOptions = { hideAttribution: true };

const minimapColor = (node: { data: unknown }) => `var(--minimap-${(node.data as TaskNodeData).task.status})`;

type DropTarget = { targetId: string; state: DropState; parentId: string; index: number; reason?: string };

type MenuState = { task: Task; x: number; y: number } | null;

function pointerOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('clientX' in event) return { x: event.clientX, y: event.clientY };
  const touch = event.changedTouches[0] ?? event.touches[0];
  return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 };
}

function sameData(a: TaskNodeData, b: TaskNodeData): boolean {
  return (
    a.task === b.task &&
    a.childCount === b.childCount &&
    a.collapsed === b.collapsed &&
    a.selected === b.selected &&
    a.focused === b.focused &&
    a.dimmed === b.dimmed &&
    a.dropState === b.dropState &&
    a.diff === b.diff &&
    a.onToggle === b.onToggle
  );
}

function TaskTreeCanvas({
  tasks,
  selectedId = null,
  readOnly = false,
  diff,
  toolbarExtra,
  onOpen,
  onCycleMode,
  onMove,
  onAction,
  onRefuse,
}: TaskTreeProps) {
  const flow = useReactFlow<TaskFlowNode>();
  const store = useStoreApi<TaskFlowNode>();
  const containerRef = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [focusedId, setFocusedId] = useState<string | null>(selectedId);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [drag, setDrag] = useState<{ id: string; position: Point } | null>(null);
  const [drop, setDrop] = useState<DropTarget | null>(null);
  const [menu, setMenu] = useState<MenuState>(null);

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

  useEffect(() => {
    if (selectedId) setFocusedId(selectedId);
  }, [selectedId]);

  const cache = useRef(new Map<string, TaskFlowNode>());
  const nodes = useMemo(() => {
    const next = new Map<string, TaskFlowNode>();
    const result: TaskFlowNode[] = [];
    for (const task of visible) {
      const data: TaskNodeData = {
        task,
        childCount: childrenOf(index, task.id).length,
        collapsed: effectiveCollapsed.has(task.id),
        selected: task.id === selectedId,
        focused: task.id === focusedId,
        dimmed: matches !== null && !matches.has(task.id),
        dropState: drop?.targetId === task.id ? drop.state : null,
        diff: diff?.get(task.id) ?? null,
        onToggle: toggle,
      };
      const position = drag?.id === task.id ? drag.position : (positions.get(task.id) ?? { x: 0, y: 0 });
      const previous = cache.current.get(task.id);
      const node =
        previous && sameData(previous.data, data) && previous.position === position
          ? previous
          : ({
              id: task.id,
              type: 'task',
              position,
              data,
              width: NODE_WIDTH,
              height: NODE_HEIGHT,
              measured: taskNodeMeasured,
              handles: taskNodeHandles,
              draggable: !readOnly && task.parentId !== null,
              selectable: false,
              connectable: false,
              zIndex: drag?.id === task.id ? 1000 : undefined,
            } satisfies TaskFlowNode);
      next.set(task.id, node);
      result.push(node);
    }
    cache.current = next;
    return result;
  }, [visible, index, effectiveCollapsed, selectedId, focusedId, matches, drop, diff, toggle, drag, positions, readOnly]);

  // Edges change with the structure and the dependencies, not with statuses.
  let dependencyKey = layoutKey;
  for (const task of visible) if (task.dependsOn.length > 0) dependencyKey += `${task.id}>${task.dependsOn.join(',')};`;
  const edges = useMemo(() => {
    const shown = new Set(visible.map((task) => task.id));
    const result: Edge[] = [];
    for (const task of visible) {
      if (task.parentId && shown.has(task.parentId)) {
        result.push({
          id: `parent-${task.id}`,
          source: task.parentId,
          target: task.id,
          sourceHandle: 'child-out',
          targetHandle: 'parent-in',
          type: 'smoothstep',
          className: 'edge-parent',
          selectable: false,
          focusable: false,
          // Nothing listens to edge clicks: no invisible wide path per edge to catch them.
          interactionWidth: 0,
        });
      }
    }
    for (const task of visible) {
      for (const dependency of task.dependsOn) {
        if (!shown.has(dependency)) continue;
        result.push({
          id: `dependency-${dependency}-${task.id}`,
          source: dependency,
          target: task.id,
          sourceHandle: 'dep-out',
          targetHandle: 'dep-in',
          type: 'dependency',
          className: 'edge-dependency',
          markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#8b7fd1' },
          selectable: false,
          focusable: false,
          // Nothing listens to edge clicks: no invisible wide path per edge to catch them.
          interactionWidth: 0,
        });
      }
    }
    return result;
  }, [dependencyKey]);

  const centerOn = useStableCallback((taskId: string) => {
    const point = positions.get(taskId);
    if (!point) return;
    const { zoom } = flow.getViewport();
    void flow.setCenter(point.x + NODE_WIDTH / 2, point.y + NODE_HEIGHT / 2, {
      zoom: Math.max(zoom, 0.6),
      duration: 180,
    });
  });

  const focusTask = useStableCallback((taskId: string | undefined) => {
    if (!taskId) return;
    setFocusedId(taskId);
    centerOn(taskId);
  });

  const onNodeClick: NodeMouseHandler<TaskFlowNode> = useStableCallback((_event, node) => {
    setFocusedId(node.id);
    onOpen?.(node.data.task);
  });

  const onNodeDoubleClick: NodeMouseHandler<TaskFlowNode> = useStableCallback((_event, node) => {
    if (!readOnly) onCycleMode?.(node.data.task);
  });

  const openMenu = useStableCallback((task: Task, clientX: number, clientY: number) => {
    if (readOnly || !onAction) return;
    const box = containerRef.current?.getBoundingClientRect();
    setMenu({ task, x: clientX - (box?.left ?? 0), y: clientY - (box?.top ?? 0) });
  });

  const onNodeContextMenu: NodeMouseHandler<TaskFlowNode> = useStableCallback((event, node) => {
    event.preventDefault();
    setFocusedId(node.id);
    openMenu(node.data.task, event.clientX, event.clientY);
  });

  const onNodesChange = useStableCallback((changes: NodeChange<TaskFlowNode>[]) => {
    for (const change of changes) {
      if (change.type === 'position' && change.position && change.dragging) {
        setDrag({ id: change.id, position: change.position });
      }
    }
  });

  const findDropTarget = useStableCallback((taskId: string, clientX: number, clientY: number): DropTarget | null => {
    const point = flow.screenToFlowPosition({ x: clientX, y: clientY });
    for (const task of visible) {
      if (task.id === taskId) continue;
      const at = positions.get(task.id);
      if (!at) continue;
      if (point.x < at.x || point.x > at.x + NODE_WIDTH || point.y < at.y || point.y > at.y + NODE_HEIGHT) continue;

      const relative = (point.y - at.y) / NODE_HEIGHT;
      let state: 'inside' | 'before' | 'after' = relative < 0.28 ? 'before' : relative > 0.72 ? 'after' : 'inside';
      if (task.parentId === null) state = 'inside';
      let parentId: string;
      let position: number;
      if (state === 'inside') {
        parentId = task.id;
        position = childrenOf(index, task.id).filter((child) => child.id !== taskId).length;
      } else {
        parentId = task.parentId as string;
        const siblings = childrenOf(index, parentId).filter((child) => child.id !== taskId);
        position = siblings.findIndex((child) => child.id === task.id) + (state === 'after' ? 1 : 0);
      }
      const check = checkMove(tasks, taskId, parentId, position);
      return check.ok
        ? { targetId: task.id, state, parentId, index: position }
        : { targetId: task.id, state: 'invalid', parentId, index: position, reason: check.reason };
    }
    return null;
  });

  const onNodeDrag: OnNodeDrag<TaskFlowNode> = useStableCallback((event, node) => {
    const pointer = pointerOf(event);
    const target = findDropTarget(node.id, pointer.x, pointer.y);
    setDrop((current) =>
      current?.targetId === target?.targetId && current?.state === target?.state && current?.index === target?.index
        ? current
        : target,
    );
  });

  const onNodeDragStop: OnNodeDrag<TaskFlowNode> = useStableCallback((event, node) => {
    const pointer = pointerOf(event);
    const target = findDropTarget(node.id, pointer.x, pointer.y);
    setDrag(null);
    setDrop(null);
    if (!target) return;
    if (target.state === 'invalid') {
      // "Already there" is not worth a message; every other refusal is shown.
      if (target.reason && target.reason !== 'The task is already there.') onRefuse?.(target.reason);
      return;
    }
    onMove?.(node.id, target.parentId, target.index);
  });

  const onKeyDown = useStableCallback((event: KeyboardEvent<HTMLDivElement>) => {
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

  const closeMenu = useStableCallback(() => setMenu(null));

  // The first view is the fitted one, worked out from the layout and the canvas's size before React
  // Flow mounts, and its store is told both: the cards in view are drawn in its first render where
  // they belong (React Flow would otherwise learn its size from a ResizeObserver a frame later, draw
  // the cards near the origin at zoom 1, and draw again after a fit). Without a size (no layout
  // engine, as in tests) the view is only fitted a frame after mounting.
  const canvasRef = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ viewport: Viewport | null } | null>(null);
  const firstPositions = useRef(positions);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const viewport = canvas ? fittedViewport(firstPositions.current, canvas.clientWidth, canvas.clientHeight) : null;
    if (canvas && viewport) {
      store.setState({ width: canvas.clientWidth, height: canvas.clientHeight, transform: [viewport.x, viewport.y, viewport.zoom] });
    }
    setStart({ viewport });
  }, [store]);

  // Fitted again a frame after mounting all the same, for the page around the tree may still have
  // been settling when it was measured; when nothing moved, this changes nothing on screen.
  const [fitted, setFitted] = useState(false);
  useEffect(() => {
    if (!start) return undefined;
    if (!fitted && nodes.length > 0) {
      const frame = requestAnimationFrame(() => {
        void flow.fitView(fitOptions);
        setFitted(true);
      });
      return () => cancelAnimationFrame(frame);
    }
    return undefined;
  }, [fitted, nodes.length, flow, start]);

  // When tasks appear (a decomposition arrives, subtasks are expanded, a later version is shown), fit
  // the view again so that none of them lands off screen; unless the person has panned or zoomed since
  // the last fit, for then the view is theirs.
  const viewMoved = useRef(false);
  const shownCount = useRef(nodes.length);
  useEffect(() => {
    const grew = nodes.length > shownCount.current;
    shownCount.current = nodes.length;
    if (!fitted || !grew || viewMoved.current) return undefined;
    const frame = requestAnimationFrame(() => void flow.fitView({ ...fitOptions, duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [fitted, nodes.length, flow]);

  const fitAgain = useStableCallback(() => {
    viewMoved.current = false;
    void flow.fitView({ ...fitOptions, duration: 200 });
  });
  const personMovedView = useCallback(() => {
    viewMoved.current = true;
  }, []);
  // Only the person's own pans and zooms carry an event; fitting the view does not.
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) viewMoved.current = true;
  }, []);

  // The minimap draws every task, thousands for a large plan; it follows a frame after the tree so
  // that the first cards do not wait for it.
  const showMinimap = nodes.length > 12;
  const [minimapReady, setMinimapReady] = useState(false);
  useEffect(() => {
    if (minimapReady || !showMinimap) return undefined;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setMinimapReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [minimapReady, showMinimap]);

  const focusedTask = focusedId ? index.byId.get(focusedId) : undefined;

  return (
    <div className="task-tree" ref={containerRef}>
      <TreeToolbar
        search={search}
        onSearch={setSearch}
        filter={filter}
        onFilter={setFilter}
        matchCount={matches ? matchOrder.length : null}
        onNextMatch={(direction) => {
          if (matchOrder.length === 0) return;
          const at = matchOrder.findIndex((task) => task.id === focusedId);
          const next = matchOrder[(at + direction + matchOrder.length) % matchOrder.length];
          focusTask(next?.id);
        }}
        onCollapseAll={() =>
          setCollapsed(new Set(tasks.filter((task) => task.parentId !== null && childrenOf(index, task.id).length > 0).map((task) => task.id)))
        }
        onExpandAll={() => setCollapsed(new Set())}
        onFit={fitAgain}
        extra={toolbarExtra}
      />
      <div
        className="task-tree__canvas"
        tabIndex={0}
        role="tree"
        aria-label="Task tree"
        aria-activedescendant={focusedTask ? `task-node-${focusedTask.id}` : undefined}
        onKeyDown={onKeyDown}
        ref={canvasRef}
      >
        {start && (
          <ReactFlow<TaskFlowNode>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onNodeClick={onNodeClick}
            onNodeDoubleClick={onNodeDoubleClick}
            onNodeContextMenu={onNodeContextMenu}
            onNodeDrag={onNodeDrag}
            onNodeDragStop={onNodeDragStop}
            onPaneClick={closeMenu}
            onMoveStart={onMoveStart}
            nodesDraggable={!readOnly}
            nodesConnectable={false}
            elementsSelectable={false}
            nodeDragThreshold={5}
            zoomOnDoubleClick={false}
            onlyRenderVisibleElements={nodes.length > 150}
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            proOptions={proOptions}
            defaultViewport={start.viewport ?? undefined}
            disableKeyboardA11y
          >
            <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#d9d9d2" />
            <Controls
              showInteractive={false}
              position="bottom-left"
              onZoomIn={personMovedView}
              onZoomOut={personMovedView}
              onFitView={() => {
                viewMoved.current = false;
              }}
            />
            {showMinimap && minimapReady && (
              <MiniMap
                pannable
                zoomable
                position="bottom-right"
                nodeStrokeWidth={0}
                nodeBorderRadius={4}
                nodeColor={minimapColor}
                maskColor="rgba(246, 246, 243, 0.7)"
              />
            )}
          </ReactFlow>
        )}
        <p className="task-tree__hint" aria-hidden>
          {readOnly ? (
            <>Arrows to move · Space to fold · F to fit</>
          ) : (
            <>
              Click to open · Double-click to change mode · Right-click for actions · Drag onto a task to move it
            </>
          )}
        </p>
        {menu && onAction && (
          <TaskContextMenu
            task={menu.task}
            x={menu.x}
            y={menu.y}
            isRoot={menu.task.parentId === null}
            canMarkDone={canMarkDone(menu.task, tasks)}
            onSelect={(action) => {
              setMenu(null);
              onAction(action, menu.task);
              containerRef.current?.querySelector<HTMLElement>('.task-tree__canvas')?.focus();
            }}
            onClose={() => setMenu(null)}
          />
        )}
      </div>
    </div>
  );
}

/** The plan's tasks as a horizontal tree: root on the left, children to the right. */
export function TaskTree(props: TaskTreeProps) {
  return (
    <ReactFlowProvider>
      <TaskTreeCanvas {...props} />
    </ReactFlowProvider>
  );
}

export type { TaskAction };
