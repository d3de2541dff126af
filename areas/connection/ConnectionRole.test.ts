/**
 * What the program registers for each connection, from both real stacks: the role, its (absent) permissions, the
 * Atlas user and the plan's summary lines; and that the component, built directly, registers nothing on bad
 * arguments (the check itself is proven in `args.test.ts`).
 */
import * as pulumi from "@pulumi/pulumi";
import type { RunResult } from "../../offline/harness";
import { type Registration, registration } from "../../offline/registrations";
import { readStackConfig } from "../../offline/stackFiles";
import { ConnectionRole } from "./ConnectionRole";
import { ACCOUNT, GOOD_ARGS, PROJECT_ID, permissionGrants } from "./fixtures/connectionRole";
import { committedRun } from "../../test/support/committedRuns";

const TEMPLATE = (db: string) =>
  `mongodb+srv://syrf-shared.ab12c.mongodb.net/${db}?authSource=%24external&authMechanism=MONGODB-AWS`;

const runs = new Map<string, RunResult>();
beforeAll(async () => {
  for (const stack of ["staging", "prod"]) runs.set(stack, await committedRun(stack));
});
const regsOf = (stack: string) => (runs.get(stack) as RunResult).registrations;

interface Conn {
  name: string;
  allowedPrincipals: string[];
  roles: { role: string; database: string }[];
  scopes: string[];
}
const connectionsOf = (stack: string) => (readStackConfig(stack).project.aws as { connections: Conn[] }).connections;

describe.each(["staging", "prod"])("stack %s: connection roles as registered", (stack) => {
  const db = stack === "prod" ? "syrftest" : "syrf_staging";

  it("declares one ConnectionRole per configured connection, with exactly four children", () => {
    const conns = connectionsOf(stack);
    const components = regsOf(stack).filter((r) => r.type === "atlas-access:aws:ConnectionRole");
    expect(components.map((r) => [r.name, r.parent])).toEqual(conns.map((c) => [c.name, null]));
    for (const c of conns) {
      expect(
        regsOf(stack)
          .filter((r) => r.parent === c.name)
          .map((r) => [r.type, r.name]),
      ).toEqual([
        ["aws:iam/role:Role", `${c.name}-role`],
        ["aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", `${c.name}-no-inline-policies`],
        ["aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", `${c.name}-no-managed-policies`],
        ["mongodbatlas:index/databaseUser:DatabaseUser", `${c.name}-atlas-user`],
      ]);
    }
  });

  it.each(connectionsOf(stack).map((c) => [c.name, c] as const))(
    "%s: the role, path /, 3600 s, exact trust",
    (name, c) => {
      const role = regsOf(stack).find((r) => r.name === `${name}-role`) as Registration;
      expect(role.inputs).toEqual({
        name,
        path: "/",
        description: "Atlas MONGODB-AWS connection role (no permissions); managed by atlas-access",
        maxSessionDuration: 3600,
        forceDetachPolicies: true,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "WorkloadRoles",
              Effect: "Allow",
              Principal: { AWS: c.allowedPrincipals },
              Action: "sts:AssumeRole",
            },
          ],
        }),
      });
    },
  );

  it.each(connectionsOf(stack).map((c) => [c.name, c] as const))("%s: the Atlas IAM user", (name, c) => {
    const user = regsOf(stack).find((r) => r.name === `${name}-atlas-user`) as Registration;
    expect(user.inputs).toEqual({
      projectId: PROJECT_ID,
      username: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      authDatabaseName: "$external",
      awsIamType: "ROLE",
      roles: c.roles.map((r) => ({ roleName: r.role, databaseName: db })),
      scopes: c.scopes.map((s) => ({ name: s, type: "CLUSTER" })),
      description: `Workloads that assume IAM role ${name} (atlas-access)`,
    });
    expect(user.dependsOn).toEqual([`${name}-role`]);
  });

  it.each(connectionsOf(stack).map((c) => [c.name]))(
    "%s: no permission policy in any form, anywhere in the stack",
    (name) => {
      expect(permissionGrants(regsOf(stack), name)).toEqual([]);
      const exclusive = regsOf(stack).filter((r) => r.parent === name && r.type.includes("Exclusive"));
      expect(exclusive.map((r) => r.inputs)).toEqual([
        { roleName: name, policyNames: [] },
        { roleName: name, policyArns: [] },
      ]);
    },
  );

  it("exports each role's ARN and connection-string template, and a plan summary naming principals and 'permissions: none'", () => {
    const { outputs } = runs.get(stack) as RunResult;
    const conns = connectionsOf(stack);
    expect(outputs.awsConnections).toEqual(
      conns.map((c) => ({
        name: c.name,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/${c.name}`,
        connectionStringTemplate: TEMPLATE(db),
      })),
    );
    expect(outputs.accessSummary.filter((s) => s.component === "atlas-access:aws:ConnectionRole")).toEqual(
      conns.map((c) => ({
        component: "atlas-access:aws:ConnectionRole",
        name: c.name,
        lines: [
          `who can assume \`${c.name}\`: ${c.allowedPrincipals.join(", ")}; its permissions: none`,
          `Atlas user arn:aws:iam::${ACCOUNT}:role/${c.name} ($external, AWS IAM role): ${c.roles.map((r) => `${r.role}@${db}`).join(", ")} on [syrf-shared]`,
          `connect with: ${TEMPLATE(db)} (credentials from sts:AssumeRole, max session 3600 s)`,
        ],
      })),
    );
  });
});

describe("the plans' summaries, literally", () => {
  it("prod: one Lambda role for syrftest", () => {
    expect(
      (runs.get("prod") as RunResult).outputs.accessSummary
        .filter((s) => s.component === "atlas-access:aws:ConnectionRole")
        .map((s) => s.lines[0]),
    ).toEqual([
      "who can assume `syrf-prod-api-atlas`: arn:aws:iam::111122223333:role/service-role/syrf-prod-api-lambda; its permissions: none",
    ]);
  });

  it("staging: two applications on syrf_staging", () => {
    expect(
      (runs.get("staging") as RunResult).outputs.accessSummary
        .filter((s) => s.component === "atlas-access:aws:ConnectionRole")
        .map((s) => s.lines[0]),
    ).toEqual([
      "who can assume `syrf-staging-api-atlas`: arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda; its permissions: none",
      "who can assume `syrf-staging-reports-atlas`: arn:aws:iam::111122223333:role/syrf-staging-reports-task, arn:aws:iam::111122223333:role/service-role/syrf-staging-reports-backfill-lambda; its permissions: none",
    ]);
  });
});

describe("permissionGrants can fail (negative controls on a copy of the real registrations)", () => {
  const name = "syrf-prod-api-atlas";
  const extra = (type: string, inputs: Record<string, unknown>) => registration({ type, name: "added", inputs });
  it.each([
    [
      "an inline RolePolicy",
      extra("aws:iam/rolePolicy:RolePolicy", { role: name, policy: "{}" }),
      "aws:iam/rolePolicy:RolePolicy added",
    ],
    [
      "a managed policy attachment",
      extra("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
        role: name,
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment added",
    ],
    [
      "a PolicyAttachment listing the role",
      extra("aws:iam/policyAttachment:PolicyAttachment", {
        roles: ["x", name],
        policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
      "aws:iam/policyAttachment:PolicyAttachment added",
    ],
    [
      "a non-empty exclusive inline list",
      extra("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", { roleName: name, policyNames: ["p"] }),
      'aws:iam/rolePoliciesExclusive:RolePoliciesExclusive added: policyNames ["p"]',
    ],
    [
      "a role with managedPolicyArns",
      extra("aws:iam/role:Role", { name, managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }),
      "aws:iam/role:Role added: managedPolicyArns",
    ],
    [
      "a role with inlinePolicies",
      extra("aws:iam/role:Role", { name, inlinePolicies: [{ name: "p", policy: "{}" }] }),
      "aws:iam/role:Role added: inlinePolicies",
    ],
  ])("finds %s", (_label, added, expected) => {
    expect(permissionGrants([...regsOf("prod"), added], name)).toEqual([expected]);
  });
});

describe("ConnectionRole used directly: its own argument check", () => {
  it("throws before registering anything, itself included", async () => {
    const registered: string[] = [];
    await pulumi.runtime.setMocks(
      { newResource: (a) => (registered.push(a.name), { id: `${a.name}-id`, state: a.inputs }), call: () => ({}) },
      "atlas-access",
      "unit",
      false,
    );
    expect(() => new ConnectionRole("bad", { ...GOOD_ARGS, allowedPrincipals: [] })).toThrow(
      'ConnectionRole "bad": invalid arguments; nothing was created:\n  - args.allowedPrincipals: got []; must list at least one workload role ARN',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registered).toEqual([]);
  });
});
