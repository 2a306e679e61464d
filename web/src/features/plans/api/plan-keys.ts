// Everything about one plan sits under ['plans', planId], so one invalidation refreshes it all.
export const planKeys = {
  list: () => ['plan-list'] as const,
  detail: (planId: string) => ['plans', planId] as const,
  executions: (planId: string) => ['plans', planId, 'executions'] as const,
};
