import { useEffect, useState } from 'react';

type VersionSliderProps = {
  min: number;
  max: number;
  value: number;
  onChange: (version: number) => void;
};

/** Steps through the plan's versions; Replay walks from the first to the last on its own. */
export function VersionSlider({ min, max, value, onChange }: VersionSliderProps) {
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return undefined;
    if (value >= max) {
      setPlaying(false);
      return undefined;
    }
    const timer = window.setTimeout(() => onChange(value + 1), 700);
    return () => window.clearTimeout(timer);
  }, [playing, value, max, onChange]);

  return (
    <div className="version-slider">
      <button
        type="button"
        className="btn btn--sm"
        onClick={() => {
          if (!playing && value >= max) onChange(min);
          setPlaying(!playing);
        }}
        aria-label={playing ? 'Pause replay' : 'Replay the history'}
      >
        {playing ? 'Pause' : 'Replay'}
      </button>
      <button type="button" className="btn btn--sm btn--icon" aria-label="Previous version" disabled={value <= min} onClick={() => onChange(value - 1)}>
        ‹
      </button>
      <input
        type="range"
        min={min}
        max={max}
        step={1}
        value={value}
        aria-label="Plan version"
        aria-valuetext={`Version ${value} of ${max}`}
        onChange={(event) => {
          setPlaying(false);
          onChange(Number(event.target.value));
        }}
      />
      <button type="button" className="btn btn--sm btn--icon" aria-label="Next version" disabled={value >= max} onClick={() => onChange(value + 1)}>
        ›
      </button>
      <span className="version-slider__label">
        v{value} <span className="faint">/ {max}</span>
      </span>
    </div>
  );
}
