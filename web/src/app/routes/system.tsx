import { HealthPanel } from '@/features/system/components/health-panel';

export function SystemRoute() {
  return (
    <div className="page">
      <div className="page__title">
        <div>
          <h1>System</h1>
          <p className="muted">Every service behind the gateway and the model that answers.</p>
        </div>
      </div>
      <HealthPanel />
    </div>
  );
}
