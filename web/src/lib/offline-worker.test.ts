import { beforeEach, describe, expect, it } from 'vitest';
import source from '../../public/sw.js?raw';

// The service worker as the browser runs it (public/sw.js, served as /sw.js), in a sandbox with a fake `self`,
// cache storage and network.
const origin = 'http://127.0.0.1:8080';

type Listener = (event: Record<string, unknown>) => void;

function startWorker(network: (url: string) => Promise<Response>) {
  const listeners = new Map<string, Listener>();
  const cached = new Map<string, Response>();
  const self = {
    location: { origin },
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: () => Promise.resolve(),
    clients: { claim: () => Promise.resolve() },
  };
  const caches = {
    open: () =>
      Promise.resolve({
        addAll: (urls: string[]) => {
          for (const url of urls) cached.set(url, new Response(`cached ${url}`));
          return Promise.resolve();
        },
      }),
    keys: () => Promise.resolve(['orchestrator-shell-v0', 'orchestrator-shell-v1']),
    delete: (key: string) => Promise.resolve(key !== ''),
    match: (url: string) => Promise.resolve(cached.get(url)?.clone()),
  };
  const fetch = (request: { url: string }) => network(request.url);
  // The worker's script sees these as its globals, as in a browser.
  new Function('self', 'caches', 'fetch', source)(self, caches, fetch);

  const dispatch = async (type: string, extra: Record<string, unknown> = {}) => {
    let waited: Promise<unknown> | undefined;
    let answer: Promise<Response> | undefined;
    listeners.get(type)?.({
      ...extra,
      waitUntil: (promise: Promise<unknown>) => (waited = promise),
      respondWith: (response: Promise<Response>) => (answer = response),
    });
    await waited;
    return answer;
  };
  const request = (path: string, mode: string, accept = 'text/html', method = 'GET') => ({
    request: { url: origin + path, mode, method, headers: new Headers({ accept }) },
  });
  return { cached, dispatch, request };
}

describe('the service worker', () => {
  let gatewayUp: boolean;
  let worker: ReturnType<typeof startWorker>;

  beforeEach(async () => {
    gatewayUp = true;
    worker = startWorker((url) => (gatewayUp ? Promise.resolve(new Response(`network ${url}`)) : Promise.reject(new TypeError('Failed to fetch'))));
    await worker.dispatch('install');
  });

  it('caches only the offline page and the icons', () => {
    expect([...worker.cached.keys()].sort()).toEqual(['/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon.svg', '/offline.html']);
  });

  it('loads pages from the network while the gateway answers', async () => {
    const answer = await worker.dispatch('fetch', worker.request('/plans/42', 'navigate'));

    expect(await answer!.text()).toBe(`network ${origin}/plans/42`);
  });

  it('says the server is not reachable when the gateway is down', async () => {
    gatewayUp = false;

    const answer = await worker.dispatch('fetch', worker.request('/plans/42', 'navigate'));

    expect(await answer!.text()).toBe('cached /offline.html');
  });

  it.each([
    ['an API call', '/api/plans', 'cors', 'application/json'],
    ['an API page opened in the window', '/api/plans/1/report', 'navigate', 'text/html'],
    ['a plan stream', '/api/plans/1/stream', 'cors', 'text/event-stream'],
    ['a stream opened as a page', '/plans/1/stream', 'navigate', 'text/event-stream'],
    ['a script', '/assets/index-abc.js', 'cors', '*/*'],
  ])('never answers %s: it goes to the network untouched', async (_, path, mode, accept) => {
    gatewayUp = false;

    expect(await worker.dispatch('fetch', worker.request(path, mode, accept))).toBeUndefined();
  });

  it('never answers a page load that is not a GET', async () => {
    expect(await worker.dispatch('fetch', worker.request('/plans', 'navigate', 'text/html', 'POST'))).toBeUndefined();
  });
});
