import { percent } from '@/lib/format';
import type { VariantResult } from '@/types/api';

type ExperimentChartProps = {
  variants: readonly VariantResult[];
  winner: string | null;
  /** A short name for each version id. */
  labelOf?: (versionId: string) => string;
};

const rowHeight = 46;
const labelWidth = 150;
const statsWidth = 220;
const chartWidth = 760;

/** Success rate per variant as bars, with the 95% interval as whiskers. */
export function ExperimentChart({ variants, winner, labelOf = (id) => id }: ExperimentChartProps) {
  const plotWidth = chartWidth - labelWidth - statsWidth - 16;
  const top = Math.max(0.1, ...variants.map((variant) => variant.high ?? 0));
  const step = top > 0.5 ? 0.2 : 0.1;
  const scaleMax = Math.min(1, Math.ceil(top / step - 1e-9) * step);
  const x = (value: number) => labelWidth + (Math.max(0, Math.min(value, scaleMax)) / scaleMax) * plotWidth;
  const height = variants.length * rowHeight + 28;
  const ticks = Array.from({ length: Math.round(scaleMax / step) + 1 }, (_, i) => i * step);

  return (
    <svg
      className="experiment-chart"
      viewBox={`0 0 ${chartWidth} ${height}`}
      role="img"
      aria-label={`Success rate by variant: ${variants
        .map((variant) =>
          variant.rate === null
            ? `${labelOf(variant.versionId)} no outcomes yet`
            : `${labelOf(variant.versionId)} ${percent(variant.rate)} (${percent(variant.low ?? 0)}–${percent(variant.high ?? 0)})`,
        )
        .join('; ')}`}
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={4} y2={height - 22} className="experiment-chart__grid" />
          <text x={x(tick)} y={height - 6} textAnchor="middle" className="experiment-chart__tick">
            {Math.round(tick * 100)}%
          </text>
        </g>
      ))}
      {variants.map((variant, row) => {
        const y = 8 + row * rowHeight;
        const isWinner = winner === variant.versionId;
        const barY = y + 8;
        const barHeight = 20;
        const mid = barY + barHeight / 2;
        if (variant.rate === null) {
          return (
            <g key={variant.versionId}>
              <text x={labelWidth - 12} y={mid + 4} textAnchor="end" className="experiment-chart__label">
                {labelOf(variant.versionId)}
              </text>
              <text x={labelWidth + 6} y={mid + 4} className="experiment-chart__stats">
                no outcomes yet
              </text>
            </g>
          );
        }
        const low = variant.low ?? variant.rate;
        const high = variant.high ?? variant.rate;
        return (
          <g key={variant.versionId} className={isWinner ? 'is-winner' : undefined}>
            <text x={labelWidth - 12} y={mid + 4} textAnchor="end" className="experiment-chart__label">
              {labelOf(variant.versionId)}
            </text>
            <rect
              x={labelWidth}
              y={barY}
              width={Math.max(1, x(variant.rate) - labelWidth)}
              height={barHeight}
              rx={4}
              className="experiment-chart__bar"
            />
            <line x1={x(low)} x2={x(high)} y1={mid} y2={mid} className="experiment-chart__whisker" />
            <line x1={x(low)} x2={x(low)} y1={mid - 7} y2={mid + 7} className="experiment-chart__whisker" />
            <line x1={x(high)} x2={x(high)} y1={mid - 7} y2={mid + 7} className="experiment-chart__whisker" />
            <text x={chartWidth - statsWidth} y={mid - 2} className="experiment-chart__rate">
              {percent(variant.rate)}
              <tspan className="experiment-chart__n"> n={variant.n.toLocaleString()}</tspan>
            </text>
            <text x={chartWidth - statsWidth} y={mid + 13} className="experiment-chart__stats">
              {percent(low)}–{percent(high)}
              {variant.pValue !== null ? ` · p=${variant.pValue < 0.001 ? '<0.001' : variant.pValue.toFixed(3)}` : ''}
              {variant.probabilityBest !== null ? ` · P(best) ${percent(variant.probabilityBest, 0)}` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
