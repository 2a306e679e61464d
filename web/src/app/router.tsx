import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import { RootLayout } from '@/app/routes/root-layout';
import { NotFoundRoute } from '@/app/routes/not-found';
import { RouteError } from '@/app/routes/route-error';
import { planQueryOptions } from '@/features/plans/api/get-plan';

export const createRoutes = (queryClient: QueryClient): RouteObject[] => [
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: () => import('@/app/routes/home').then((m) => ({ Component: m.HomeRoute })) },
      {
        // One route for the plan and its tasks, so that opening a task keeps the tree as it is.
        path: 'plans/:planId',
        lazy: () => import('@/app/routes/plan').then((m) => ({ Component: m.PlanRoute })),
        // The plan is asked for while the route's code loads, not after: a large plan arrives sooner.
        // The route shows its own loading and error states, so nothing waits for it here.
        loader: ({ params }) => {
          if (params.planId) void queryClient.prefetchQuery(planQueryOptions(params.planId));
          return null;
        },
        shouldRevalidate: ({ currentParams, nextParams }) => currentParams.planId !== nextParams.planId,
        children: [{ index: true }, { path: 'tasks/:taskId' }, { path: 'tasks/:taskId/artifacts/:artifactId' }],
      },
      {
        path: 'plans/:planId/audit',
        lazy: () => import('@/app/routes/audit').then((m) => ({ Component: m.AuditRoute })),
      },
      {
        path: 'patterns',
        lazy: () => import('@/app/routes/patterns').then((m) => ({ Component: m.PatternsRoute })),
      },
      {
        path: 'analytics',
        lazy: () => import('@/app/routes/analytics').then((m) => ({ Component: m.AnalyticsRoute })),
      },
      {
        path: 'system',
        lazy: () => import('@/app/routes/system').then((m) => ({ Component: m.SystemRoute })),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
