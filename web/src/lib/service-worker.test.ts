import { describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, serviceWorkerUrl } from '@/lib/service-worker';

describe('registerServiceWorker', () => {
  it('registers the worker at the root, for the whole app, in a production build', async () => {
    const registration = {} as ServiceWorkerRegistration;
    const register = vi.fn().mockResolvedValue(registration);

    await expect(registerServiceWorker({ register }, true)).resolves.toBe(registration);
    expect(register).toHaveBeenCalledWith(serviceWorkerUrl, { scope: '/' });
    expect(serviceWorkerUrl).toBe('/sw.js');
  });

  it('registers nothing in development, nor where the browser has no service workers', async () => {
    const register = vi.fn();

    await expect(registerServiceWorker({ register }, false)).resolves.toBeNull();
    await expect(registerServiceWorker(undefined, true)).resolves.toBeNull();
    expect(register).not.toHaveBeenCalled();
  });

  it('keeps the app working when registration fails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const register = vi.fn().mockRejectedValue(new Error('insecure origin'));

    await expect(registerServiceWorker({ register }, true)).resolves.toBeNull();
  });
});
