/** The API key the user pasted, for this tab only: sessionStorage is cleared when the tab closes. */
const STORAGE_KEY = 'incident-log.api-key';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(STORAGE_KEY),
  set: (key: string): void => sessionStorage.setItem(STORAGE_KEY, key),
  clear: (): void => sessionStorage.removeItem(STORAGE_KEY),
};
