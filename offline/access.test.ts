/**
 * The access model on small registrations: each via, what a grant reaches (a database, a workspace, every database),
 * scopes, and the principals a trust policy or a secret binding names. The real stacks' models are proven by the
 * golden files (offline/golden.test.ts).
 */
import { accessModel } from "./access";
import { impliedPrivileges } from "./accessGrants";
import { accessMatrix, collapsePreviews, principalLabel } from "./accessView";
import { registration } from "./registrations";

let n = 0;
const reg = (type: string, inputs: Record<string, unknown>, parent: [string, string] | null = null) =>
  registration({ type, name: `r${++n}`, inputs, parent: parent?.[1] ?? null, parentType: parent?.[0] ?? null });
const USER = "mongodbatlas:index/databaseUser:DatabaseUser";
const ROLE_ARN = "arn:aws:iam::111122223333:role/orders-atlas";

describe("accessModel", () => {
  it("follows a trust policy to the IAM-role user: exact roles, and Pod Identity with its conditions", () => {
    const trust = {
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: ["arn:aws:iam::111122223333:role/orders-api"] },
          Action: "sts:AssumeRole",
        },
        {
          Effect: "Allow",
          Principal: { Service: "pods.eks.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:eks:eu-west-1:111122223333:cluster/apps" } },
        },
        { Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole" },
      ],
    };
    const model = accessModel([
      reg("aws:iam/role:Role", { name: "orders-atlas", assumeRolePolicy: JSON.stringify(trust) }),
      reg(USER, {
        username: ROLE_ARN,
        awsIamType: "ROLE",
        roles: [{ roleName: "readWrite", databaseName: "orders" }],
        scopes: [{ name: "shared", type: "CLUSTER" }],
      }),
    ]);
    expect(model.users).toEqual([
      { username: ROLE_ARN, kind: "aws-iam-role", roles: ["readWrite@orders"], scopes: ["cluster shared"] },
    ]);
    const common = {
      via: "assume-role",
      through: ROLE_ARN,
      user: ROLE_ARN,
      target: { kind: "database", name: "orders" },
      roles: ["readWrite"],
      privileges: ["read", "readWrite"],
      scopes: ["cluster shared"],
    };
    expect(model.paths).toEqual([
      { principal: "arn:aws:iam::111122223333:role/orders-api", ...common },
      {
        principal: "pods.eks.amazonaws.com (aws:SourceArn=arn:aws:eks:eu-west-1:111122223333:cluster/apps)",
        ...common,
      },
    ]);
    expect(model.paths.map(principalLabel)).toEqual(["role/orders-api", "EKS pods of apps"]);
  });

  it("follows a password user to the readers of the secret declared beside it, and only those", () => {
    const parent: [string, string] = ["atlas-access:atlas:PasswordUser", "app"];
    const other: [string, string] = ["atlas-access:atlas:PasswordUser", "other"];
    const model = accessModel([
      reg(USER, { username: "app", password: "x", roles: [{ roleName: "read", databaseName: "orders" }] }, parent),
      reg("gcp:secretmanager/secret:Secret", { project: "p-orders", secretId: "atlas-app" }, parent),
      reg("gcp:secretmanager/secret:Secret", { project: "p-orders", secretId: "atlas-other" }, other),
      reg("gcp:secretmanager/secretIamMember:SecretIamMember", {
        project: "p-orders",
        secretId: "atlas-app",
        role: "roles/secretmanager.secretAccessor",
        member: "serviceAccount:orders-api@p-orders.iam.gserviceaccount.com",
      }),
      reg("gcp:secretmanager/secretIamMember:SecretIamMember", {
        project: "p-orders",
        secretId: "atlas-app",
        role: "roles/secretmanager.viewer",
        member: "group:viewers@example.com",
      }),
      reg("gcp:secretmanager/secretIamBinding:SecretIamBinding", {
        secretId: "projects/p-orders/secrets/atlas-app",
        role: "roles/secretmanager.admin",
        members: ["user:admin@example.com"],
      }),
      reg("gcp:secretmanager/secretIamMember:SecretIamMember", {
        project: "p-orders",
        secretId: "atlas-other",
        role: "roles/secretmanager.secretAccessor",
        member: "serviceAccount:intruder@p-orders.iam.gserviceaccount.com",
      }),
    ]);
    expect(model.paths.map((p) => [p.principal, p.via, p.through, p.user, p.scopes])).toEqual([
      [
        "serviceAccount:orders-api@p-orders.iam.gserviceaccount.com",
        "secret-reader",
        "projects/p-orders/secrets/atlas-app",
        "app",
        ["every cluster"],
      ],
      ["user:admin@example.com", "secret-reader", "projects/p-orders/secrets/atlas-app", "app", ["every cluster"]],
    ]);
  });

  it("expands custom roles into their actions: on collections, and on the workspaces a stream user is scoped to (every workspace without one)", () => {
    const model = accessModel([
      reg("mongodbatlas:index/customDbRole:CustomDbRole", {
        roleName: "exec",
        actions: [{ action: "FIND", resources: [{ databaseName: "orders", collectionName: "events" }] }],
      }),
      reg("mongodbatlas:index/customDbRole:CustomDbRole", {
        roleName: "viewer",
        actions: [{ action: "listStreamProcessors", resources: [{ cluster: true }] }],
      }),
      reg(USER, {
        username: "dash",
        password: "x",
        roles: [{ roleName: "viewer", databaseName: "admin" }],
        scopes: [{ name: "ws1", type: "STREAM" }],
      }),
      reg("mongodbatlas:index/streamConnection:StreamConnection", {
        workspaceName: "ws1",
        connectionName: "c1",
        clusterName: "shared",
        dbRoleToExecute: { role: "exec", type: "CUSTOM" },
      }),
      reg("mongodbatlas:index/streamConnection:StreamConnection", {
        workspaceName: "ws1",
        connectionName: "c2",
        clusterName: "shared",
        dbRoleToExecute: { role: "readWriteAnyDatabase", type: "BUILT_IN" },
      }),
    ]);
    expect(model.users).toEqual([
      { username: "dash", kind: "password", roles: ["viewer@admin"], scopes: ["workspace ws1"] },
    ]);
    expect(model.paths.map((p) => [p.principal, p.through, p.user, p.target, p.privileges])).toEqual([
      [
        "processors of ws1",
        "ws1/c2",
        "readWriteAnyDatabase",
        { kind: "database", name: "*" },
        ["readWriteAnyDatabase"],
      ],
      ["processors of ws1", "ws1/c1", "exec", { kind: "database", name: "orders" }, ["FIND on events"]],
    ]);
  });

  it("gives stream actions of a user without a workspace scope every workspace", () => {
    const parent: [string, string] = ["atlas-access:atlas:PasswordUser", "ops"];
    const model = accessModel([
      reg("mongodbatlas:index/customDbRole:CustomDbRole", {
        roleName: "viewer",
        actions: [{ action: "listStreamProcessors", resources: [{ cluster: true }] }],
      }),
      reg(USER, { username: "ops", password: "x", roles: [{ roleName: "viewer", databaseName: "admin" }] }, parent),
      reg("gcp:secretmanager/secret:Secret", { project: "p-ops", secretId: "atlas-ops" }, parent),
      reg("gcp:secretmanager/secretIamMember:SecretIamMember", {
        project: "p-ops",
        secretId: "atlas-ops",
        role: "roles/secretmanager.secretAccessor",
        member: "serviceAccount:ops-tool@p-ops.iam.gserviceaccount.com",
      }),
    ]);
    expect(model.paths.map((p) => [p.user, p.target, p.scopes])).toEqual([
      ["ops", { kind: "workspace", name: "*" }, ["every cluster"]],
    ]);
    expect(accessMatrix(model).columns).toEqual(["every workspace"]);
  });

  it("gives each preview namespace a path to its own user, and collapses many previews in the matrix", () => {
    const previews = [1, 2, 3].map((pr) =>
      reg("kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser", {
        metadata: { name: `pr-${pr}`, namespace: `pr-${pr}` },
        spec: {
          username: `app_pr_${pr}_app`,
          roles: [{ roleName: "readWrite", databaseName: `app_pr_${pr}` }],
          scopes: [{ name: "shared", type: "CLUSTER" }],
        },
      }),
    );
    const model = accessModel(previews);
    expect(model.paths.map((p) => [p.principal, p.user, p.target.name])).toEqual([
      ["namespace pr-1", "app_pr_1_app", "app_pr_1"],
      ["namespace pr-2", "app_pr_2_app", "app_pr_2"],
      ["namespace pr-3", "app_pr_3_app", "app_pr_3"],
    ]);
    expect(collapsePreviews(model.paths).map((p) => [p.principal, p.user, p.target.name])).toEqual([
      ["namespace pr-N (3 previews)", "app_pr_N_app", "app_pr_N"],
    ]);
    expect(accessMatrix(model)).toEqual({
      columns: ["app_pr_N"],
      rows: [{ principal: "namespace pr-N (3 previews)", via: "preview", cells: ["readWrite"] }],
    });
  });

  it("says what a built-in role implies, so that read → readWrite is a widening", () => {
    expect(impliedPrivileges("read")).toEqual(["read"]);
    expect(impliedPrivileges("readWrite")).toEqual(["read", "readWrite"]);
    expect(impliedPrivileges("dbOwner")).toEqual(["read", "readWrite", "dbAdmin", "userAdmin", "dbOwner"]);
  });
});

describe("principalLabel", () => {
  it.each([
    ["arn:aws:iam::111122223333:role/service-role/api", "arn:aws:iam::111122223333:role/c", "role/service-role/api"],
    ["arn:aws:iam::444455556666:role/api", "arn:aws:iam::111122223333:role/c", "444455556666:role/api"],
    [
      "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p-1.svc.id.goog/subject/ns/a/sa/b",
      "s",
      "p-1 ns/a/sa/b",
    ],
    [
      "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/group/devs",
      "s",
      "pool group/devs",
    ],
    ["serviceAccount:api@p-orders.iam.gserviceaccount.com", "s", "sa api@p-orders"],
    ["namespace pr-7", "namespace pr-7", "namespace pr-7"],
  ])("%s → %s", (principal, through, label) => {
    expect(principalLabel({ principal, through })).toBe(label);
  });
});
