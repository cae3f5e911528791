import { Problem, describeProblem } from '../shared/problem';

/** A command that breaks a rule of the domain; nothing of it is recorded. */
export class DomainRuleViolation extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(describeProblem).join('; '));
  }
}

export class IncidentNotFound extends Error {
  constructor(readonly incidentId: string) {
    super(`incident ${incidentId} does not exist`);
  }
}
