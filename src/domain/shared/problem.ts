/** A broken rule, named by the path of the offending field and the reason. */
export interface Problem {
  path: string;
  reason: string;
}

export function describeProblem({ path, reason }: Problem): string {
  return path ? `${path} ${reason}` : reason;
}

export function prefixProblems(prefix: string, problems: Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: p.path ? `${prefix}.${p.path}` : prefix }));
}
