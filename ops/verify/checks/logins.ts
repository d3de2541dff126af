/** Database access history: bursts of failed authentications, and successful ones by users no stack declares. */
import type { AccessLog } from "../client";
import type { Declared } from "../declared";
import type { CheckContext, Finding } from "../finding";
import { previewNumber } from "./users";

export function checkLogins(
  declared: Declared,
  logs: readonly { cluster: string; logs: readonly AccessLog[] }[],
  ctx: CheckContext,
  since: string,
): Finding[] {
  const findings: Finding[] = [];
  const known = new Set(declared.users.map((u) => u.username));
  const isKnown = (username: string) => {
    if (known.has(username)) return true;
    const pr = declared.previews ? previewNumber(username, declared.previews.usernamePrefix) : undefined;
    return pr !== undefined && ctx.openPullRequests.has(pr);
  };
  for (const { cluster, logs: entries } of logs) {
    const failed = new Map<string, { username: string; ip: string; count: number; reasons: Set<string> }>();
    const unexpected = new Map<string, { count: number; ips: Set<string> }>();
    for (const log of entries) {
      const username = log.username ?? "(none)";
      const ip = log.ipAddress ?? "(unknown address)";
      if (log.authResult === false) {
        const key = `${username}|${ip}`;
        const group = failed.get(key) ?? { username, ip, count: 0, reasons: new Set<string>() };
        group.count++;
        if (log.failureReason) group.reasons.add(log.failureReason);
        failed.set(key, group);
      } else if (log.authResult === true && !isKnown(username)) {
        const group = unexpected.get(username) ?? { count: 0, ips: new Set<string>() };
        group.count++;
        group.ips.add(ip);
        unexpected.set(username, group);
      }
    }
    for (const g of failed.values()) {
      if (g.count < ctx.failedLoginThreshold) continue;
      findings.push({
        id: "failed-logins",
        severity: "high",
        subject: `user ${g.username} from ${g.ip}`,
        message: `${g.count} failed authentications on cluster ${cluster} since ${since} (threshold ${ctx.failedLoginThreshold})${g.reasons.size > 0 ? `: ${[...g.reasons].join("; ")}` : ""}`,
        fix: "find the client at that address: a stale password after a rotation, or someone guessing; block the address in the access list if it is not yours",
      });
    }
    for (const [username, g] of unexpected) {
      findings.push({
        id: "unexpected-login",
        severity: "high",
        subject: `user ${username}`,
        message: `${g.count} successful authentication(s) on cluster ${cluster} since ${since} from ${[...g.ips].join(", ")}, by a user no stack declares`,
        fix: "find out whose credential this is; delete the user if nobody owns it, then rotate what it could read",
      });
    }
  }
  return findings;
}
