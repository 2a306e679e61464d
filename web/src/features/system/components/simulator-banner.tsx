import { useModel } from '@/features/system/api/get-model';
import './simulator-banner.css';

/** Says plainly when answers come from the local model simulator rather than a real model. */
export function SimulatorBanner() {
  const model = useModel();
  if (!model.data?.simulated && model.data?.provider !== 'simulator') return null;
  return (
    <div className="simulator-banner" role="note">
      <strong>Simulated model.</strong> Replies come from the local simulator
      {model.data.model ? <span className="mono"> ({model.data.model})</span> : null}, not a real
      language model. Configure <code>Orchestrator:Model</code> to use a real provider.
    </div>
  );
}
