import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

/**
 * A dependency between two tasks, drawn as an arc that leaves and enters on the right-hand side and
 * bows out further the further apart the tasks are, so that it never runs through the tasks between.
 */
function DependencyEdgeView({ sourceX, sourceY, targetX, targetY, markerEnd, style, interactionWidth }: EdgeProps) {
  const bow = 26 + Math.min(120, Math.abs(targetY - sourceY) * 0.22);
  const right = Math.max(sourceX, targetX) + bow;
  const path = `M ${sourceX},${sourceY} C ${right},${sourceY} ${right},${targetY} ${targetX},${targetY}`;
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
}

export const DependencyEdge = memo(DependencyEdgeView);
