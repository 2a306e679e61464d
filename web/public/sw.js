// The web app's service worker: it makes the app installable and, when the gateway does not answer, shows a page
// that says the server is not reachable. It caches only that page and the icons. It never touches the API
// (/api/*, including the server-sent event streams) or anything that is not a page load: those always go to the
// network, so nothing the app shows can come from a stale cache.
const CACHE = 'orchestrator-shell-v1';
const OFFLINE_PAGE = '/offline.html';
const SHELL = [OFFLINE_PAGE, '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/** True for the requests this worker answers: same-origin page loads (navigations), never the API or a stream. */
function isPageLoad(request) {
  if (request.method !== 'GET' || request.mode !== 'navigate') return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return false;
  return !(request.headers.get('accept') ?? '').includes('text/event-stream');
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  if (!isPageLoad(event.request)) return;
  event.respondWith(
    fetch(event.request).catch(() =>
      caches.match(OFFLINE_PAGE).then(
        (page) =>
          page ??
          new Response('The server is not reachable.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
      ),
    ),
  );
});
