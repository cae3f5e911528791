export class UnknownProjection extends Error {
  constructor(readonly projection: string) {
    super(`there is no projection named ${projection}`);
  }
}

export class RebuildInProgress extends Error {
  constructor(readonly projection: string) {
    super(`projection ${projection} is already being rebuilt`);
  }
}

/** What was thrown, in words. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
