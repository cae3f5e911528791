import { Problem, describeProblem } from '../domain/shared/problem';

/** Errors a user can cause; the HTTP layer gives each its status. */
export class NotFound extends Error {}
export class Conflict extends Error {}
export class PreconditionFailed extends Error {}
export class InvalidInput extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(describeProblem).join('; '));
  }
}
export class Unprocessable extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(describeProblem).join('; '));
  }
}
