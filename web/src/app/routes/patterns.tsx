import { PatternGallery } from '@/features/patterns/components/pattern-gallery';

export function PatternsRoute() {
  return (
    <div className="page">
      <div className="page__title">
        <div>
          <h1>Gallery</h1>
          <p className="muted">Proven plans to start from. The planner also uses the closest ones as examples for new requests.</p>
        </div>
      </div>
      <PatternGallery />
    </div>
  );
}
