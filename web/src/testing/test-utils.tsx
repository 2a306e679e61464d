import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { ToastProvider } from '@/components/ui/toast';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

type Options = RenderOptions & { queryClient?: QueryClient; path?: string; route?: string };

/** Renders with the app's providers and a memory router at `route`, matching `path`. */
export function renderWithProviders(ui: ReactElement, options: Options = {}) {
  const queryClient = options.queryClient ?? createTestQueryClient();
  const path = options.path ?? '/';
  const router = createMemoryRouter([{ path, element: ui }, { path: '*', element: <div /> }], {
    initialEntries: [options.route ?? path],
  });
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
  const result = render(<RouterProvider router={router} />, { wrapper: Wrapper, ...options });
  return { ...result, queryClient, router };
}
