import { apiKey } from './api-key';

/** An answer other than 2xx, with what the server said and what the user can do about it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(ApiError.explain(status, messages));
  }

  private static explain(status: number, messages: string[]): string {
    if (status === 401) return 'The server needs an API key for this: paste one in "API key" at the top of the page.';
    if (status === 403) return 'Your API key does not allow this read.';
    const detail = messages.length > 0 ? `: ${messages.join('; ')}` : '';
    return `The server answered ${status}${detail}`;
  }
}

export type Query = Record<string, string | number | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A GET on the public HTTP API (same origin), with the pasted key if there is one. */
export async function getJson<T>(path: string, query: Query = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = apiKey.get();
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(withQuery(path, query), { headers });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    const message = body?.message;
    throw new ApiError(response.status, Array.isArray(message) ? message.map(String) : message ? [String(message)] : []);
  }
  return (await response.json()) as T;
}
