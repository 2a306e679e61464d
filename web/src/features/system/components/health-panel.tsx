import { useHealth } from '@/features/system/api/get-health';
import { useModel } from '@/features/system/api/get-model';
import { describeError } from '@/lib/api-client';
import type { ModelProvider } from '@/types/api';
import './health-panel.css';

const providerNames: Record<ModelProvider, string> = {
  simulator: 'Local simulator',
  openai: 'OpenAI',
  'azure-openai': 'Azure OpenAI',
  'openai-compatible': 'OpenAI-compatible',
};

function ModelRow() {
  const model = useModel();
  if (model.isPending) return <p className="health__model muted">Checking the model provider…</p>;
  if (model.isError) {
    return (
      <p className="health__model">
        <span className="health__dot health__dot--unknown" aria-hidden />
        Model provider: <strong>unreachable</strong>
        <span className="faint"> · {describeError(model.error)}</span>
      </p>
    );
  }
  const info = model.data;
  return (
    <p className="health__model">
      <span
        className={`health__dot ${info.simulated ? 'health__dot--warn' : 'health__dot--ok'}`}
        aria-hidden
      />
      Model: <strong>{providerNames[info.provider] ?? info.provider}</strong>
      <span className="mono faint"> {info.model}</span>
      {info.simulated && <span className="health__tag">simulated answers</span>}
    </p>
  );
}

/** The state of every service behind the gateway, and which model answers. */
export function HealthPanel() {
  const health = useHealth();

  return (
    <section className="card health" aria-labelledby="health-title">
      <div className="card__header">
        <h2 id="health-title">System status</h2>
        {health.isFetching && <span className="faint health__refresh">refreshing…</span>}
      </div>
      <div className="card__body">
        <ModelRow />
        {health.isPending && <p className="muted">Checking services…</p>}
        {health.isError && (
          <div className="health__unreachable" role="status">
            <span className="health__dot health__dot--bad" aria-hidden />
            <div>
              <strong>Services unreachable</strong>
              <p className="muted">{describeError(health.error)}</p>
            </div>
          </div>
        )}
        {health.isSuccess && (
          <ul className="health__list" aria-label="Services">
            {health.data.services.length === 0 && <li className="muted">No services reported.</li>}
            {health.data.services.map((service) => (
              <li key={service.name} className="health__item" data-status={service.status}>
                <span
                  className={`health__dot ${
                    service.status === 'healthy' ? 'health__dot--ok' : 'health__dot--bad'
                  }`}
                  aria-hidden
                />
                <span className="health__name">{service.name}</span>
                <span className="health__status">{service.status}</span>
                {service.detail && <span className="health__detail">{service.detail}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
