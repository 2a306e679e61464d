import { useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { TaskFlowNode } from '@/features/plans/components/task-tree/task-node';
import { NODE_HEIGHT, NODE_WIDTH, type Point } from '@/features/plans/lib/layout-tree';
import { fitOptions, fittedViewport } from '@/features/plans/lib/tree-viewport';
import { useStableCallback } from '@/hooks/use-stable-callback';
import { afterNextPaint } from '@/lib/after-next-paint';

/**
 * Where the tree is looked at from: fitted at first and whenever tasks appear, unless the person has
 * panned or zoomed since; centred on a task the keyboard moves to; and the minimap a frame later.
 */
export function useTreeViewport(canvasRef: RefObject<HTMLDivElement | null>, positions: ReadonlyMap<string, Point>, shown: number) {
  const flow = useReactFlow<TaskFlowNode>();
  const store = useStoreApi<TaskFlowNode>();

  // The first view is the fitted one, worked out from the layout and the canvas's size before React
  // Flow mounts, and its store is told both: the cards in view are drawn in its first render where
  // they belong (React Flow would otherwise learn its size from a ResizeObserver a frame later, draw
  // the cards near the origin at zoom 1, and draw again after a fit). Without a size (no layout
  // engine, as in tests) the view is only fitted a frame after mounting.
  const [start, setStart] = useState<{ viewport: Viewport | null } | null>(null);
  const firstPositions = useRef(positions);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const viewport = canvas ? fittedViewport(firstPositions.current, canvas.clientWidth, canvas.clientHeight) : null;
    if (canvas && viewport) {
      store.setState({ width: canvas.clientWidth, height: canvas.clientHeight, transform: [viewport.x, viewport.y, viewport.zoom] });
    }
    setStart({ viewport });
  }, [store, canvasRef]);

  // Fitted again a frame after mounting all the same, for the page around the tree may still have
  // been settling when it was measured; when nothing moved, this changes nothing on screen.
  const [fitted, setFitted] = useState(false);
  useEffect(() => {
    if (!start) return undefined;
    if (!fitted && shown > 0) {
      const frame = requestAnimationFrame(() => {
        void flow.fitView(fitOptions);
        setFitted(true);
      });
      return () => cancelAnimationFrame(frame);
    }
    return undefined;
  }, [fitted, shown, flow, start]);

  // When tasks appear (a decomposition arrives, subtasks are expanded, a later version is shown), fit
  // the view again so that none of them lands off screen; unless the person has panned or zoomed since
  // the last fit, for then the view is theirs.
  const viewMoved = useRef(false);
  const shownCount = useRef(shown);
  useEffect(() => {
    const grew = shown > shownCount.current;
    shownCount.current = shown;
    if (!fitted || !grew || viewMoved.current) return undefined;
    const frame = requestAnimationFrame(() => void flow.fitView({ ...fitOptions, duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [fitted, shown, flow]);

  const fitAgain = useStableCallback(() => {
    viewMoved.current = false;
    void flow.fitView({ ...fitOptions, duration: 200 });
  });
  const personMovedView = useCallback(() => {
    viewMoved.current = true;
  }, []);
  const viewFitted = useCallback(() => {
    viewMoved.current = false;
  }, []);
  // Only the person's own pans and zooms carry an event; fitting the view does not.
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) viewMoved.current = true;
  }, []);

  const centerOn = useStableCallback((taskId: string) => {
    const point = positions.get(taskId);
    if (!point) return;
    const { zoom } = flow.getViewport();
    void flow.setCenter(point.x + NODE_WIDTH / 2, point.y + NODE_HEIGHT / 2, {
      zoom: Math.max(zoom, 0.6),
      duration: 180,
    });
  });

  // The minimap draws every task, thousands for a large plan; it follows a frame after the tree so
  // that the first cards do not wait for it.
  const showMinimap = shown > 12;
  const [minimapReady, setMinimapReady] = useState(false);
  useEffect(() => {
    if (minimapReady || !showMinimap) return undefined;
    return afterNextPaint(() => setMinimapReady(true));
  }, [minimapReady, showMinimap]);

  return { start, fitAgain, personMovedView, viewFitted, onMoveStart, centerOn, minimap: showMinimap && minimapReady };
}
