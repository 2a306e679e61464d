import { vi } from 'vitest';

type Handler = (request: { url: URL; method: string; body: unknown; init?: RequestInit }) =>
  | Response
  | Promise<Response>;

type Route = { method: string; pattern: RegExp; handler: Handler };

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
}

export function problem(status: number, detail: string, title = 'Request failed'): Response {
  return new Response(JSON.stringify({ status, title, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/**
 * Replaces global fetch with a small router. Unmatched requests answer 404 so that a test
 * notices a call it did not plan for.
 */
export function mockFetch() {
  const routes: Route[] = [];
  const calls: { method: string; url: string; body: unknown }[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    let body: unknown = undefined;
    if (typeof init?.body === 'string') {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    calls.push({ method, url: url.pathname + url.search, body });
    const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) return problem(404, `No mock for ${method} ${url.pathname}`, 'Not Found');
    return route.handler({ url, method, body, init });
  });

  vi.stubGlobal('fetch', fetchMock);

  const on = (method: string, path: string | RegExp, handler: Handler | object) => {
    const pattern = typeof path === 'string' ? new RegExp(`^${path}$`) : path;
    const h: Handler =
      typeof handler === 'function' ? (handler as Handler) : () => json(handler);
    routes.unshift({ method, pattern, handler: h });
  };

  return {
    calls,
    fetchMock,
    get: (path: string | RegExp, handler: Handler | object) => on('GET', path, handler),
    post: (path: string | RegExp, handler: Handler | object) => on('POST', path, handler),
    patch: (path: string | RegExp, handler: Handler | object) => on('PATCH', path, handler),
    put: (path: string | RegExp, handler: Handler | object) => on('PUT', path, handler),
    delete: (path: string | RegExp, handler: Handler | object) => on('DELETE', path, handler),
    networkError: (method: string, path: string | RegExp) =>
      on(method, path, () => Promise.reject(new TypeError('Failed to fetch'))),
  };
}
