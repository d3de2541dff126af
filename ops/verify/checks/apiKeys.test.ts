/** The API-key check on hand-made key lists (pure: no server, no program run). */
import { CHECK_CONTEXT, GROUP, ORG, apiKey } from "../fixtures/project";
import { checkApiKeys } from "./apiKeys";

const ctx = CHECK_CONTEXT;
const scope = { orgId: ORG, projectId: GROUP };
const check = (org: Parameters<typeof checkApiKeys>[0], project: Parameters<typeof checkApiKeys>[1] = []) =>
  checkApiKeys(org, project, scope, ctx).map((f) => [f.severity, f.subject, f.message]);
const IN_PROJECT_FIX =
  "remove it from the project (Project → Access Manager → Applications → API Keys) or delete it; give whatever still uses it a service account holding only the roles it needs; list its public key in --known-credentials only if it is the deploy credential";

describe("programmatic API keys", () => {
  it("clean: organization members, and keys holding roles on another project only, are not reported", () => {
    const elsewhere = { ...apiKey(3, "othrproj", "other project", ["ORG_MEMBER"]) };
    elsewhere.roles?.push({ groupId: "0123456789abcdef01234567", roleName: "GROUP_OWNER" });
    expect(check([apiKey(1, "membonly", "member", ["ORG_MEMBER"]), elsewhere])).toEqual([]);
  });

  it("Organization Read Only reads every project, this one included: high, as for a service account", () => {
    expect(check([apiKey(2, "readonly", "reader", ["ORG_MEMBER", "ORG_READ_ONLY"])])).toEqual([
      [
        "high",
        "api key readonly (reader)",
        "a legacy programmatic API key holds organization role(s) ORG_READ_ONLY, and no stack declares API keys: ORG_READ_ONLY reads every project of the organization; it is not assigned to this project",
      ],
    ]);
  });

  it("any role on the project is high; one that edits database users is critical, each named", () => {
    expect(
      checkApiKeys([apiKey(1, "cireader", "ci dashboards", ["ORG_MEMBER", "GROUP_READ_ONLY"])], [], scope, ctx),
    ).toEqual([
      {
        id: "unexpected-api-key",
        severity: "high",
        subject: "api key cireader (ci dashboards)",
        message:
          "a legacy programmatic API key holds project role(s) GROUP_READ_ONLY on this project, and no stack declares API keys",
        fix: IN_PROJECT_FIX,
      },
    ]);
    expect(
      check([
        apiKey(2, "ownerkey", "terraform", ["GROUP_OWNER"]),
        apiKey(3, "dbadmink", "user sync", ["GROUP_DATABASE_ACCESS_ADMIN", "GROUP_READ_ONLY"]),
        apiKey(4, "streamsk", "streams", ["GROUP_STREAM_PROCESSING_OWNER"]),
        apiKey(5, "dataadmn", "data explorer", ["GROUP_DATA_ACCESS_ADMIN"]),
      ]),
    ).toEqual([
      [
        "critical",
        "api key ownerkey (terraform)",
        "a legacy programmatic API key holds project role(s) GROUP_OWNER on this project, and no stack declares API keys: GROUP_OWNER creates and edits database users",
      ],
      [
        "critical",
        "api key dbadmink (user sync)",
        "a legacy programmatic API key holds project role(s) GROUP_DATABASE_ACCESS_ADMIN, GROUP_READ_ONLY on this project, and no stack declares API keys: GROUP_DATABASE_ACCESS_ADMIN creates and edits database users",
      ],
      [
        "critical",
        "api key streamsk (streams)",
        "a legacy programmatic API key holds project role(s) GROUP_STREAM_PROCESSING_OWNER on this project, and no stack declares API keys: GROUP_STREAM_PROCESSING_OWNER creates and edits database users",
      ],
      [
        "high",
        "api key dataadmn (data explorer)",
        "a legacy programmatic API key holds project role(s) GROUP_DATA_ACCESS_ADMIN on this project, and no stack declares API keys",
      ],
    ]);
  });

  it("organization roles beyond member and read-only: ORG_OWNER critical, the others medium", () => {
    const findings = checkApiKeys(
      [
        apiKey(1, "orgownrk", "break glass", ["ORG_OWNER"]),
        apiKey(2, "billingk", "invoices", ["ORG_MEMBER", "ORG_BILLING_ADMIN", "ORG_GROUP_CREATOR"]),
      ],
      [],
      scope,
      ctx,
    );
    expect(findings.map((f) => [f.severity, f.subject, f.message, f.fix])).toEqual([
      [
        "critical",
        "api key orgownrk (break glass)",
        "a legacy programmatic API key holds organization role(s) ORG_OWNER, and no stack declares API keys: ORG_OWNER is Project Owner of every project of the organization; it is not assigned to this project",
        "lower it to Organization Member or delete it (Organization → Access Manager → Applications → API Keys); give whatever still uses it a service account instead",
      ],
      [
        "medium",
        "api key billingk (invoices)",
        "a legacy programmatic API key holds organization role(s) ORG_BILLING_ADMIN, ORG_GROUP_CREATOR, and no stack declares API keys; it is not assigned to this project",
        "lower it to Organization Member or delete it (Organization → Access Manager → Applications → API Keys); give whatever still uses it a service account instead",
      ],
    ]);
  });

  it("one finding per key across both lists, roles united; a key only the project lists still counts", () => {
    const both = apiKey(1, "bothlist", "old deploy", ["ORG_BILLING_ADMIN"]);
    const inProjectList = apiKey(1, "bothlist", "old deploy", ["GROUP_CLUSTER_MANAGER"]);
    const bare = { id: "6760a0000000000000000009", publicKey: "norolesk" };
    expect(check([both], [inProjectList, bare])).toEqual([
      [
        "high",
        "api key bothlist (old deploy)",
        "a legacy programmatic API key holds project role(s) GROUP_CLUSTER_MANAGER on this project and organization role(s) ORG_BILLING_ADMIN, and no stack declares API keys",
      ],
      [
        "high",
        "api key norolesk (no description)",
        "a legacy programmatic API key holds project role(s) none listed on this project, and no stack declares API keys",
      ],
    ]);
  });

  it("a key listed in --known-credentials by its public key is left alone", () => {
    const keys = [apiKey(1, "deploykk", "deploy", ["GROUP_OWNER"]), apiKey(2, "ownerkey", "x", ["ORG_OWNER"])];
    expect(
      checkApiKeys(keys, [], scope, { ...ctx, knownCredentials: new Set(["deploykk"]) }).map((f) => f.subject),
    ).toEqual(["api key ownerkey (x)"]);
  });
});
