// The API has no required list of experiments, so the browser remembers the ones it started.
const storageKey = 'orchestrator.experiments';

export function readKnownExperiments(): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberExperiment(id: string): void {
  try {
    const ids = readKnownExperiments().filter((known) => known !== id);
    window.localStorage.setItem(storageKey, JSON.stringify([id, ...ids].slice(0, 50)));
  } catch {
    // Without storage the experiment is still listed while the page is open.
  }
}
