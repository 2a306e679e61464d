import { costLabel, defaultPricing, type Cost, type Pricing } from '@/lib/cost';

type CostLabelProps = {
  cost: Cost | null | undefined;
  /** How the model in use is priced: "simulator: no cost" while the simulator answers, "no price set" for an unpriced model. */
  pricing?: Pricing;
  className?: string;
};

/** What something cost: dollars and tokens, or "simulator: no cost". */
export function CostLabel({ cost, pricing = defaultPricing, className }: CostLabelProps) {
  const title = pricing.simulated
    ? 'The model simulator answers here: its calls cost nothing.'
    : 'At the prices per million tokens configured for the model (Orchestrator:Model:Prices)';
  return (
    <span className={['cost', className].filter(Boolean).join(' ')} title={title} data-testid="cost">
      {costLabel(cost, pricing.simulated, pricing.priced)}
    </span>
  );
}
