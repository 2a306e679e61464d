/** The service worker's address: served from the root so that its scope is the whole app. */
export const serviceWorkerUrl = '/sw.js';

/**
 * Registers the service worker that makes the app installable and shows "the server is not reachable" when the gateway
 * is down. Only in a production build: in development Vite serves the app, and a worker would get in its way.
 */
export function registerServiceWorker(
  container: Pick<ServiceWorkerContainer, 'register'> | undefined = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker,
  production: boolean = import.meta.env.PROD,
): Promise<ServiceWorkerRegistration | null> {
  if (!production || !container) return Promise.resolve(null);
  return container.register(serviceWorkerUrl, { scope: '/' }).catch((error: unknown) => {
    console.warn('The service worker could not be registered; the app works, but cannot be installed.', error);
    return null;
  });
}
