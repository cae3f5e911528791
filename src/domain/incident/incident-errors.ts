import { Problem, describeProblem } from '../shared/problem';

/** A command that breaks a rule of the domain; nothing of it is recorded. */
export class DomainRuleViolation extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(describeProblem).join('; '));
  }
}

/** Facts were proposed for an incident that was never opened. */
export class IncidentNotOpened extends Error {
  constructor() {
    super('the incident has not been opened');
  }
}
