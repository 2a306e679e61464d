import { layoutBounds, NODE_HEIGHT, NODE_WIDTH, type Point } from '@/features/plans/lib/layout-tree';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 1.75;
/** How the tree is fitted to its canvas, by React Flow's fitView and by fittedViewport alike. */
export const fitOptions = { padding: 0.15, maxZoom: 1 };

export type Viewport = { x: number; y: number; zoom: number };

/**
 * The view that fits the laid-out tree into a canvas of this size, as React Flow's fitView computes it
 * for a padding given as a share of the canvas (its getViewportForBounds; a test holds the two equal),
 * or null when there is nothing to fit or no size. It is worked out here rather than imported so that
 * the tree's first view can be drawn before any of React Flow's code, which brings d3 with it, is loaded.
 */
export function fittedViewport(positions: ReadonlyMap<string, Point>, width: number, height: number): Viewport | null {
  const bounds = layoutBounds(positions);
  if (!bounds || width <= 0 || height <= 0) return null;
  const padX = Math.floor((width - width / (1 + fitOptions.padding)) * 0.5);
  const padY = Math.floor((height - height / (1 + fitOptions.padding)) * 0.5);
  const fit = Math.min((width - 2 * padX) / bounds.width, (height - 2 * padY) / bounds.height);
  const zoom = Math.min(Math.max(fit, MIN_ZOOM), fitOptions.maxZoom);
  const x = width / 2 - (bounds.x + bounds.width / 2) * zoom;
  const y = height / 2 - (bounds.y + bounds.height / 2) * zoom;
  // Where the centred bounds land; a side left with less than its padding is moved back in.
  const left = Math.floor(bounds.x * zoom + x);
  const top = Math.floor(bounds.y * zoom + y);
  const right = Math.floor(width - ((bounds.x + bounds.width) * zoom + x));
  const bottom = Math.floor(height - ((bounds.y + bounds.height) * zoom + y));
  return {
    x: x - Math.min(left - padX, 0) + Math.min(right - padX, 0),
    y: y - Math.min(top - padY, 0) + Math.min(bottom - padY, 0),
    zoom,
  };
}

/** The ids of the cards that a view of this size shows, at least in part, in layout order. */
export function cardsInView(
  positions: ReadonlyMap<string, Point>,
  viewport: Viewport,
  width: number,
  height: number,
): string[] {
  const left = -viewport.x / viewport.zoom;
  const top = -viewport.y / viewport.zoom;
  const right = left + width / viewport.zoom;
  const bottom = top + height / viewport.zoom;
  const shown: string[] = [];
  for (const [id, { x, y }] of positions) {
    if (x + NODE_WIDTH >= left && x <= right && y + NODE_HEIGHT >= top && y <= bottom) shown.push(id);
  }
  return shown;
}
