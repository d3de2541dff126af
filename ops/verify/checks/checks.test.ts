/** The checks the fixture projects do not reach, each on a minimal declaration (pure: no program run). */
import type { Declared } from "../declared";
import { apiActionName } from "../declared";
import { CHECK_CONTEXT } from "../fixtures/project";
import { checkPasswordRotations, checkServiceAccounts } from "./credentials";
import { checkAccessList, checkCustomRoles } from "./project";
import { previewNumber } from "./users";

const declared: Declared = {
  users: [],
  customRoles: [{ roleName: "viewer", actions: ["LIST_STREAM_PROCESSORS"], stack: "staging" }],
  serviceAccounts: [
    {
      name: "op-2026-11-30",
      orgRoles: ["ORG_MEMBER"],
      projectRoles: ["GROUP_DATABASE_ACCESS_ADMIN"],
      rotateEveryDays: 60,
      stack: "staging",
    },
  ],
  passwordRotations: [{ username: "app", rotatedOn: "2026-09-01", rotateEveryDays: 90, stack: "prod" }],
  accessList: [],
  previews: undefined,
};
const ctx = CHECK_CONTEXT;
const secret = { id: "6750a0000000000000000001", createdAt: "2026-01-01T00:00:00Z", expiresAt: "2026-02-01T00:00:00Z" };

describe("pure checks", () => {
  it("spells actions as the Admin API does, and parses preview usernames strictly", () => {
    expect(["listStreamProcessors", "FIND", "streamProcessorStats"].map(apiActionName)).toEqual([
      "LIST_STREAM_PROCESSORS",
      "FIND",
      "STREAM_PROCESSOR_STATS",
    ]);
    expect(
      ["syrf_pr_12_app", "syrf_pr_012_app", "syrf_pr_x_app", "syrf_pr_12_admin"].map((u) =>
        previewNumber(u, "syrf_pr_"),
      ),
    ).toEqual([12, undefined, undefined, undefined]);
  });

  it("custom roles: undeclared, widened within the allowlist, beyond it", () => {
    const findings = checkCustomRoles(declared, [
      { roleName: "viewer", actions: [{ action: "LIST_STREAM_PROCESSORS" }, { action: "FIND" }] },
      { roleName: "viewer2", actions: [{ action: "DROP_DATABASE" }], inheritedRoles: [{ role: "readWrite", db: "x" }] },
    ]);
    expect(findings.map((f) => [f.id, f.severity, f.subject, f.message])).toEqual([
      [
        "custom-role-drift",
        "high",
        "custom role viewer",
        "live role is wider than stack staging declares: undeclared actions: FIND",
      ],
      [
        "unexpected-custom-role",
        "critical",
        "custom role viewer2",
        "no stack declares this custom role; actions beyond the allowlist: DROP_DATABASE; inherited roles: readWrite@x",
      ],
    ]);
  });

  it("access list: an entry open to the world is critical", () => {
    expect(
      checkAccessList(declared, [{ cidrBlock: "203.0.113.0/24" }, { cidrBlock: "0.0.0.0/0", comment: "temp" }]),
    ).toEqual([
      {
        id: "access-list-open",
        severity: "critical",
        subject: "access-list entry 0.0.0.0/0",
        message: "the project accepts connections from any address (comment: temp)",
        fix: "delete the entry and list the workloads' egress addresses (or private endpoints) instead",
      },
    ]);
  });

  it("service accounts: roles beyond the declared ones, an unknown owner, every secret expired", () => {
    const findings = checkServiceAccounts(
      declared,
      [
        { clientId: "mdb_sa_id_1", name: "op-2026-11-30", roles: ["ORG_MEMBER", "ORG_OWNER"], secrets: [secret] },
        { clientId: "mdb_sa_id_2", name: "billing", roles: ["ORG_BILLING_ADMIN"] },
      ],
      [{ clientId: "mdb_sa_id_3", name: "stranger", roles: ["GROUP_READ_ONLY"] }],
      ctx,
    );
    expect(findings.map((f) => [f.id, f.severity, f.subject, f.message])).toEqual([
      [
        "unexpected-service-account",
        "high",
        "service account stranger",
        "no stack declares this service account, yet it holds project role(s) GROUP_READ_ONLY",
      ],
      [
        "service-account-roles",
        "critical",
        "service account op-2026-11-30",
        "holds organization role(s) ORG_OWNER beyond what stack staging declares (ORG_MEMBER)",
      ],
      [
        "expiring-credential",
        "critical",
        "service account op-2026-11-30",
        "every secret has expired (the last on 2026-02-01): whatever uses this account has lost access",
      ],
    ]);
  });

  it("password rotation: overdue after its period", () => {
    expect(checkPasswordRotations(declared, ctx).map((f) => [f.id, f.subject, f.message])).toEqual([
      ["rotation-overdue", "password of user app", "last rotated on 2026-09-01; due by 2026-11-30 (every 90 days)"],
    ]);
    expect(checkPasswordRotations(declared, { ...ctx, now: Date.parse("2026-11-29T00:00:00Z") })).toEqual([]);
  });
});
