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

/** `verify` could not see the live and the rebuilt tables at one position: writes kept coming in between. */
export class VerifyOutpacedByWrites extends Error {
  constructor(readonly tries: number) {
    super(`verify: writes kept moving the live projections past the rebuilt ones (${tries} tries); run it again when writes slow down`);
  }
}

/** What was thrown, in words. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
