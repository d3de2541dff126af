/**
 * The same rulebook, two surfaces, the same answer: `evaluate()` (jest suite and plan) and the policy pack's
 * validators (driven by offline/policyPack.ts, never `new PolicyPack`) over the same registrations.
 */
import * as fs from "fs";
import * as path from "path";
import { evaluate } from "../guardrails/evaluate";
import { rules } from "../guardrails/rules";
import type { Finding, Rule } from "../guardrails/types";
import { buildPolicies, policies, POLICY_PACK_NAME } from "../policy/policies";
import type { Registration } from "../offline/registrations";
import { runStack } from "../offline/harness";
import { isSecret, unwrapSecrets } from "../offline/registrations";
import { asFinding, runPolicies } from "../offline/policyPack";
import { committedRun } from "./support/committedRuns";

const FIXTURE = path.join(__dirname, "fixtures", "guardrail-program");
const views = (regs: readonly Registration[]) =>
  regs.map((r) => ({
    type: r.type,
    name: r.name,
    parent: r.parent,
    inputs: unwrapSecrets(r.inputs) as Record<string, unknown>,
  }));
const line = (f: Finding) => `${f.ruleId} ${f.mandatory ? "mandatory" : "advisory"} ${f.resource}: ${f.message}`;
const byRuleThenText = (a: Finding, b: Finding) =>
  rules.findIndex((r) => r.id === a.ruleId) - rules.findIndex((r) => r.id === b.ruleId) ||
  line(a).localeCompare(line(b));

describe("policy pack objects", () => {
  test("one policy per rule, named by id, mandatory exactly for high and critical, with severity and remediation", () => {
    expect(POLICY_PACK_NAME).toBe("atlas-access-guardrails");
    expect(policies.map((p) => p.name)).toEqual(rules.map((r) => r.id.toLowerCase()));
    for (const [i, p] of policies.entries()) {
      const r = rules[i] as Rule;
      expect([p.name, p.severity, p.remediationSteps, "validateStack" in p]).toEqual([
        p.name,
        r.severity,
        r.remediation,
        r.kind === "stack",
      ]);
    }
    const low = (severity: Rule["severity"]): Rule => ({
      kind: "stack",
      id: "TEST-001",
      title: "t",
      severity,
      reason: "r",
      remediation: "f",
      check: () => [],
    });
    expect(
      (["low", "medium", "high", "critical"] as const).map((s) => buildPolicies([low(s)])[0]?.enforcementLevel),
    ).toEqual(["advisory", "advisory", "mandatory", "mandatory"]);
  });

  test("the pack pins the @pulumi/policy and @pulumi/pulumi the tests run it with (jest.config.js loads the root copy)", () => {
    const deps = (file: string): Record<string, string> =>
      (
        JSON.parse(fs.readFileSync(path.join(__dirname, "..", file), "utf8")) as {
          dependencies: Record<string, string>;
        }
      ).dependencies;
    const root = deps("package.json");
    expect(deps("policy/package.json")).toEqual({
      "@pulumi/policy": root["@pulumi/policy"],
      "@pulumi/pulumi": root["@pulumi/pulumi"],
      ajv: root.ajv,
    });
  });
});

describe("the fixture program through both surfaces", () => {
  test("Compliance: the compliant variant has no finding on either surface", async () => {
    const { registrations } = await runStack({ stack: "compliant", configDir: FIXTURE, programDir: FIXTURE });
    expect(registrations.length).toBe(34);
    expect(evaluate(views(registrations))).toEqual([]);
    expect(await runPolicies(policies, registrations)).toEqual([]);
  });

  test("Noncompliance: the mutated config trips every rule, and the pack reports exactly what evaluate() reports", async () => {
    const { registrations } = await runStack({
      stack: "compliant",
      configDir: FIXTURE,
      programDir: FIXTURE,
      mutateConfig: (c) => (c.variant = "noncompliant"),
    });
    // The operator's Helm values carry a secret, so K8S-001 can only see watchNamespaces through the secret.
    expect(
      isSecret(
        registrations.find((r) => r.name === "operator" && r.type === "kubernetes:helm.sh/v3:Release")?.inputs.values,
      ),
    ).toBe(true);

    const jest = evaluate(views(registrations)).sort(byRuleThenText);
    const pack = (await runPolicies(policies, registrations)).map(asFinding).sort(byRuleThenText);
    expect(pack).toEqual(jest);
    expect([...new Set(jest.map((f) => f.ruleId))]).toEqual(rules.map((r) => r.id));
    expect(jest.map(line)).toEqual([
      'IAM-001 mandatory aws:iam/role:Role conn: assumeRolePolicy Statement[0] allows account root "arn:aws:iam::111122223333:root" without a Condition',
      'IAM-002 mandatory aws:iam/rolePolicy:RolePolicy conn-extra: policy Statement[0] allows action "*"',
      'IAM-002 mandatory aws:iam/rolePolicy:RolePolicy conn-extra: policy Statement[0] allows resource "*"',
      'IAM-003 mandatory aws:iam/rolePolicy:RolePolicy conn-extra: attaches an inline policy to connection role "conn-orders-prod"; it must have no permission policy',
      'IAM-004 mandatory aws:iam/role:Role conn: assumeRolePolicy Statement[0] trusts AWS "arn:aws:iam::111122223333:root", which is not a role ARN',
      'IAM-005 mandatory aws:iam/role:Role conn: connection role "conn-orders-prod" (environment prod) trusts role "arn:aws:iam::111122223333:role/orders-staging-api", named for environment staging (assumeRolePolicy Statement[0])',
      'ATLAS-001 mandatory mongodbatlas:index/databaseUser:DatabaseUser conn-user: roles[0] grants forbidden role "readWriteAnyDatabase" on "admin"',
      'ATLAS-002 mandatory mongodbatlas:index/databaseUser:DatabaseUser conn-user: roles[0] grants "readWriteAnyDatabase" on "admin"; only a custom role declared in this stack may be granted on admin, local or config',
      'ATLAS-002 mandatory mongodbatlas:index/databaseUser:DatabaseUser stream-user: roles[0] grants "orders-stream" on "admin"; custom role "orders-stream" has action "DROP_DATABASE" (actions[0]), which is not on the allowlist',
      "ATLAS-003 mandatory mongodbatlas:index/databaseUser:DatabaseUser conn-user: has no scopes, so it reaches every cluster and data lake of the project",
      'ATLAS-004 mandatory mongodbatlas:index/serviceAccount:ServiceAccount operator: roles is ["ORG_OWNER"]; must be exactly ["ORG_MEMBER"]',
      'ATLAS-004 mandatory mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment operator-project: roles is ["GROUP_OWNER"]; must be exactly ["GROUP_DATABASE_ACCESS_ADMIN"]',
      'ATLAS-005 mandatory mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry operator-egress: cidrBlock "0.0.0.0/0" admits every address on the internet',
      'ATLAS-006 mandatory mongodbatlas:index/streamConnection:StreamConnection stream-conn: dbRoleToExecute is {"role":"atlasAdmin","type":"BUILT_IN"}; it must be type "CUSTOM"',
      'ATLAS-007 mandatory mongodbatlas:index/databaseUser:DatabaseUser conn-user: x509Type is "SELF_MANAGED"; #/components/schemas/CloudDatabaseUser/properties/x509Type/enum accepts NONE, CUSTOMER, MANAGED (createDatabaseUser (POST /api/atlas/v2/groups/{groupId}/databaseUsers))',
      'GCP-001 mandatory gcp:projects/iAMMember:IAMMember project-grant: grants primitive role "roles/editor" to "serviceAccount:orders@acme-staging.iam.gserviceaccount.com" (member)',
      'GCP-002 mandatory gcp:projects/iAMMember:IAMMember project-secrets: grants "roles/secretmanager.secretAccessor" to "serviceAccount:orders@acme-staging.iam.gserviceaccount.com" (member) outside a per-secret binding',
      'GCP-003 mandatory gcp:secretmanager/secretIamMember:SecretIamMember secret-reader: grants "roles/secretmanager.secretAccessor" to public member "allUsers" (member)',
      "K8S-001 mandatory kubernetes:helm.sh/v3:Release operator: values.watchNamespaces is []; an empty list makes the operator watch every namespace",
      'K8S-002 mandatory kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding operator-read: roleRef binds "ClusterRole" "cluster-admin"',
      'K8S-003 mandatory kubernetes:policies.kyverno.io/v1:ValidatingPolicy deny-admin-roles: spec.validationActions is ["Audit"]; it must include "Deny"',
      "AUDIT-001 mandatory aws:cloudtrail/trail:Trail trail: isMultiRegionTrail must be true",
      'AUDIT-002 mandatory aws:iam/role:Role conn: connection role "conn-orders-prod": no MetricAlarm with alarmActions watches the tampering metric of "conn-tamper"',
      'AUDIT-003 mandatory aws:iam/role:Role conn: connection role "conn-orders-prod" trusts workload role "orders-staging-api", but no LogMetricFilter with an alarm (alarmActions) matches its UpdateAssumeRolePolicy, DeleteRole, CreateRole',
    ]);
  });
});

describe("both real stacks through the policy pack", () => {
  // Each stack must hold what the rules look at, or "zero findings" would prove nothing.
  const mustHold: Record<string, string[]> = {
    prod: [
      "aws:iam/role:Role",
      "aws:cloudtrail/trail:Trail",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "mongodbatlas:index/databaseUser:DatabaseUser",
      "gcp:secretmanager/secretIamMember:SecretIamMember",
    ],
    staging: [
      "aws:iam/role:Role",
      // The account's trail is prod's; staging adds its metric filters and alarms to its log group.
      "aws:cloudwatch/logMetricFilter:LogMetricFilter",
      "mongodbatlas:index/databaseUser:DatabaseUser",
      "mongodbatlas:index/customDbRole:CustomDbRole",
      "mongodbatlas:index/streamConnection:StreamConnection",
      "mongodbatlas:index/serviceAccountProjectAssignment:ServiceAccountProjectAssignment",
      "kubernetes:helm.sh/v3:Release",
      "kubernetes:policies.kyverno.io/v1:ValidatingPolicy",
    ],
  };
  test.each(["staging", "prod"])("%s: the pack reports nothing, like evaluate()", async (stack) => {
    const { registrations } = await committedRun(stack);
    const types = new Set(registrations.map((r) => r.type));
    expect((mustHold[stack] ?? []).filter((t) => !types.has(t))).toEqual([]);
    expect(await runPolicies(policies, registrations, stack)).toEqual([]);
    expect(evaluate(views(registrations))).toEqual([]);
  });
});
