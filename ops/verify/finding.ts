/** One discrepancy between the live Atlas project and what the repository declares. */

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** What kind of discrepancy, e.g. `unexpected-user`: stable, for automation. */
  id: string;
  severity: Severity;
  /** What it is about, e.g. `user syrf_pr_12_app`. */
  subject: string;
  message: string;
  /** What to do about it. */
  fix: string;
}

export const atLeast = (severity: Severity, threshold: Severity): boolean =>
  SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);

/** Most severe first, then by id and subject: reports and their diffs are stable. */
export const sortFindings = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
      a.id.localeCompare(b.id) ||
      a.subject.localeCompare(b.subject),
  );

/** What every check knows besides the two sides it compares. */
export interface CheckContext {
  /** Epoch milliseconds. */
  now: number;
  openPullRequests: ReadonlySet<number>;
  expiryWarningDays: number;
  /** Failed authentications from one source for one user, at or above which they are reported. */
  failedLoginThreshold: number;
  /**
   * Service-account client ids and API-key public keys of credentials this program does not create but which may
   * reach the project (deploy, this check).
   */
  knownCredentials: ReadonlySet<string>;
}

export const DAY_MS = 86_400_000;
