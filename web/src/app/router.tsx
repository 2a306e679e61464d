import { createBrowserRouter, RouterProvider } from 'react-router';
import { RootLayout } from '@/app/routes/root-layout';
import { NotFoundRoute } from '@/app/routes/not-found';
import { RouteError } from '@/app/routes/route-error';

export const routes = [
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
        children: [{ index: true }, { path: 'tasks/:taskId' }, { path: 'tasks/:taskId/artifacts/:artifactId' }],
      },
      {
        path: 'plans/:planId/audit',
        lazy: () => import('@/app/routes/audit').then((m) => ({ Component: m.AuditRoute })),
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

const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
