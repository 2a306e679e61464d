import { HealthPanel } from '@/features/system/components/health-panel';

export function HomeRoute() {
  return (
    <div className="page">
      <div className="page__title">
        <div>
          <h1>Orchestrator</h1>
          <p className="muted">A chat that spawns focused chats.</p>
        </div>
      </div>
      <HealthPanel />
    </div>
  );
}
