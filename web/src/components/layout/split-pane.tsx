import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './split-pane.css';

type SplitPaneProps = {
  left: ReactNode;
  right: ReactNode;
  /** Where the chosen width is remembered between visits. */
  storageKey: string;
  initialFraction?: number;
  min?: number;
  max?: number;
};

function readFraction(key: string, fallback: number): number {
  try {
    const value = Number(window.localStorage.getItem(key));
    return value > 0 && value < 1 ? value : fallback;
  } catch {
    return fallback;
  }
}

/** Two panes side by side with a divider that drags (or moves with arrow keys) to resize them. */
export function SplitPane({ left, right, storageKey, initialFraction = 0.56, min = 0.25, max = 0.78 }: SplitPaneProps) {
  const container = useRef<HTMLDivElement>(null);
  const [fraction, setFraction] = useState(() => readFraction(storageKey, initialFraction));
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    try {
      window.localStorage.setItem(storageKey, String(fraction));
    } catch {
      // Private mode: the width simply is not remembered.
    }
  }, [fraction, storageKey]);

  const clamp = useCallback((value: number) => Math.min(max, Math.max(min, value)), [min, max]);

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(true);
  };
  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    if (!dragging || !container.current) return;
    const box = container.current.getBoundingClientRect();
    setFraction(clamp((event.clientX - box.left) / box.width));
  };
  const onPointerUp = (event: React.PointerEvent<HTMLDivElement>) => {
    event.currentTarget.releasePointerCapture(event.pointerId);
    setDragging(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    if (event.key === 'ArrowLeft') setFraction((value) => clamp(value - step));
    else if (event.key === 'ArrowRight') setFraction((value) => clamp(value + step));
    else if (event.key === 'Home') setFraction(min);
    else if (event.key === 'End') setFraction(max);
    else return;
    event.preventDefault();
  };

  return (
    <div className={`split ${dragging ? 'is-dragging' : ''}`} ref={container}>
      <div className="split__pane" style={{ flexBasis: `${fraction * 100}%` }}>
        {left}
      </div>
      <div
        className="split__divider"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize panels"
        aria-valuemin={Math.round(min * 100)}
        aria-valuemax={Math.round(max * 100)}
        aria-valuenow={Math.round(fraction * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
        onDoubleClick={() => setFraction(initialFraction)}
      />
      <div className="split__pane split__pane--right">{right}</div>
    </div>
  );
}
