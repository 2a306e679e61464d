import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { DependencyEdge } from '@/features/plans/components/task-tree/dependency-edge';
import { TaskContextMenu, type TaskAction } from '@/features/plans/components/task-tree/task-context-menu';
import { TaskNode, type TaskFlowNode, type TaskNodeData } from '@/features/plans/components/task-tree/task-node';
import { ResultPreview } from '@/features/plans/components/task-tree/result-preview';
import { TreeToolbar } from '@/features/plans/components/task-tree/tree-toolbar';
import { useFlowElements } from '@/features/plans/components/task-tree/use-flow-elements';
import { useTreeDrag } from '@/features/plans/components/task-tree/use-tree-drag';
import { useTreeKeyboard } from '@/features/plans/components/task-tree/use-tree-keyboard';
import { useTreeView } from '@/features/plans/components/task-tree/use-tree-view';
import { useTreeViewport } from '@/features/plans/components/task-tree/use-tree-viewport';
import { canMarkDone } from '@/features/plans/lib/task-tree';
import { MAX_ZOOM, MIN_ZOOM } from '@/features/plans/lib/tree-viewport';
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

type MenuState = { task: Task; x: number; y: number } | null;

/** Where a result preview stands: below its card, inside the tree. */
type Peek = { task: Task; x: number; y: number } | null;

const PREVIEW_WIDTH = 360;

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
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const [focusedId, setFocusedId] = useState<string | null>(selectedId);
  const [menu, setMenu] = useState<MenuState>(null);
  const [peek, setPeek] = useState<Peek>(null);

  const view = useTreeView(tasks);
  const dragging = useTreeDrag({ tasks, view, onMove, onRefuse });
  const { nodes, edges } = useFlowElements({
    view,
    selectedId,
    focusedId,
    drop: dragging.drop,
    drag: dragging.drag,
    diff,
    readOnly,
  });
  const viewport = useTreeViewport(canvasRef, view.positions, nodes.length);

  useEffect(() => {
    if (selectedId) setFocusedId(selectedId);
  }, [selectedId]);

  const focusTask = useStableCallback((taskId: string | undefined) => {
    if (!taskId) return;
    setFocusedId(taskId);
    viewport.centerOn(taskId);
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

  // A finished task's result shows beside its card while the pointer is on it.
  const onNodeMouseEnter: NodeMouseHandler<TaskFlowNode> = useStableCallback((event, node) => {
    const task = node.data.task;
    const box = containerRef.current?.getBoundingClientRect();
    if (!box || !(task.result ?? task.summary)) return;
    const card = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const x = Math.max(8, Math.min(card.left - box.left, box.width - PREVIEW_WIDTH - 8));
    setPeek({ task, x, y: card.bottom - box.top + 6 });
  });
  const onNodeMouseLeave = useStableCallback(() => setPeek(null));

  const onKeyDown = useTreeKeyboard({
    view,
    focusedId,
    readOnly,
    focusTask,
    openMenu,
    fitAgain: viewport.fitAgain,
    onOpen,
    onCycleMode,
    onAction,
  });

  const closeMenu = useStableCallback(() => setMenu(null));

  const focusedTask = focusedId ? view.index.byId.get(focusedId) : undefined;

  return (
    <div className="task-tree" ref={containerRef}>
      <TreeToolbar
        search={view.search}
        onSearch={view.setSearch}
        filter={view.filter}
        onFilter={view.setFilter}
        matchCount={view.matches ? view.matchOrder.length : null}
        onNextMatch={(direction) => {
          const { matchOrder } = view;
          if (matchOrder.length === 0) return;
          const at = matchOrder.findIndex((task) => task.id === focusedId);
          const next = matchOrder[(at + direction + matchOrder.length) % matchOrder.length];
          focusTask(next?.id);
        }}
        onCollapseAll={view.collapseAll}
        onExpandAll={view.expandAll}
        onFit={viewport.fitAgain}
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
        {viewport.start && (
          <ReactFlow<TaskFlowNode>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={dragging.onNodesChange}
            onNodeClick={onNodeClick}
            onNodeDoubleClick={onNodeDoubleClick}
            onNodeContextMenu={onNodeContextMenu}
            onNodeMouseEnter={onNodeMouseEnter}
            onNodeMouseLeave={onNodeMouseLeave}
            onNodeDrag={dragging.onNodeDrag}
            onNodeDragStop={dragging.onNodeDragStop}
            onPaneClick={closeMenu}
            onMoveStart={viewport.onMoveStart}
            nodesDraggable={!readOnly}
            nodesConnectable={false}
            elementsSelectable={false}
            nodeDragThreshold={5}
            zoomOnDoubleClick={false}
            onlyRenderVisibleElements={nodes.length > 150}
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            proOptions={proOptions}
            defaultViewport={viewport.start.viewport ?? undefined}
            disableKeyboardA11y
          >
            <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#d9d9d2" />
            <Controls
              showInteractive={false}
              position="bottom-left"
              onZoomIn={viewport.personMovedView}
              onZoomOut={viewport.personMovedView}
              onFitView={viewport.viewFitted}
            />
            {viewport.minimap && (
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
        {peek && !menu && !dragging.drag && <ResultPreview task={peek.task} x={peek.x} y={peek.y} />}
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
