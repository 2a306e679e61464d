import { costLabel, type Cost } from '@/lib/cost';

type CostLabelProps = {
  cost: Cost | null | undefined;
  /** True while the model simulator answers: its calls cost nothing, and the label says so. */
  simulated: boolean;
  className?: string;
};

/** What something cost: dollars and tokens, or "simulator: no cost". */
export function CostLabel({ cost, simulated, className }: CostLabelProps) {
  const title = simulated
    ? 'The model simulator answers here: its calls cost nothing.'
    : 'At the prices per million tokens configured for the model (Orchestrator:Model:Prices)';
  return (
    <span className={['cost', className].filter(Boolean).join(' ')} title={title} data-testid="cost">
      {costLabel(cost, simulated)}
    </span>
  );
}
