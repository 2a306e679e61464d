/**
 * Runs `callback` once the browser has painted the next frame: a frame callback runs before the paint, a task queued from
 * there after it. Returns what cancels it.
 */
export function afterNextPaint(callback: () => void): () => void {
  let timer = 0;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    window.clearTimeout(timer);
  };
}
