import './spinner.css';

export function Spinner({ label, size = 16 }: { label?: string; size?: number }) {
  return (
    <span className="spinner" role="status" aria-label={label ?? 'Loading'}>
      <span className="spinner__ring" style={{ width: size, height: size }} aria-hidden />
      {label && <span className="spinner__label">{label}</span>}
    </span>
  );
}
