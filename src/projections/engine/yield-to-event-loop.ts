/** Lets the requests waiting for the event loop in between two batches of a long run. */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
