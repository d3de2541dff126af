/**
 * What the mocked providers answer. Outputs a real provider would compute (ARNs, ids) are derived from the inputs,
 * so that anything built from them (policies, connection strings) is realistic and deterministic.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface MockContext {
  accountId: string;
  region: string;
}

/** `aws:iam/role:Role` → `iam`. */
function awsService(type: string): string {
  return /^aws:([a-z0-9]+)\//.exec(type)?.[1] ?? "unknown";
}

function awsArn(type: string, name: string, ctx: MockContext): string {
  const service = awsService(type);
  switch (type) {
    case "aws:iam/role:Role":
      return `arn:aws:iam::${ctx.accountId}:role/${name}`;
    case "aws:iam/policy:Policy":
      return `arn:aws:iam::${ctx.accountId}:policy/${name}`;
    case "aws:s3/bucket:Bucket":
      return `arn:aws:s3:::${name}`;
    case "aws:sns/topic:Topic":
      return `arn:aws:sns:${ctx.region}:${ctx.accountId}:${name}`;
    case "aws:cloudwatch/logGroup:LogGroup":
      return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
    case "aws:cloudtrail/trail:Trail":
      return `arn:aws:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${name}`;
    case "aws:kms/key:Key":
      return `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${name}`;
    default:
      return `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${name}`;
  }
}

export function mockState(args: pulumi.runtime.MockResourceArgs, ctx: MockContext): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  const physicalName = typeof inputs.name === "string" ? inputs.name : args.name;
  const state: Record<string, unknown> = { ...inputs };
  if (args.type.startsWith("aws:")) {
    state.arn = awsArn(args.type, physicalName, ctx);
    state.name = physicalName;
    if (args.type === "aws:kms/key:Key") state.keyId = physicalName;
    if (args.type === "aws:s3/bucket:Bucket") state.bucket = inputs.bucket ?? physicalName;
  }
  if (args.type === "gcp:secretmanager/secret:Secret") {
    state.name = `projects/${String(inputs.project ?? "mock-project")}/secrets/${String(inputs.secretId ?? args.name)}`;
  }
  if (args.type === "mongodbatlas:index/serviceAccount:ServiceAccount") {
    // Atlas service-account client ids look like `mdb_sa_id_<24 hex>`; derived from the name, never real.
    state.clientId = `mdb_sa_id_mock_${args.name}`;
    state.secrets = [
      {
        secretId: `${args.name}-initial`,
        secret: `mock-initial-secret-${args.name}`,
        maskedSecretValue: "mdb_sa_sk_****",
      },
    ];
  }
  if (args.type === "mongodbatlas:index/serviceAccountSecret:ServiceAccountSecret") {
    state.secret = `mock-sa-secret-${args.name}`;
    state.secretId = `${args.name}-id`;
  }
  if (args.type === "random:index/randomPassword:RandomPassword") {
    // Deterministic, never a real password; the harness's secret envelope keeps it marked secret.
    state.result = `mock-password-${args.name}`;
  }
  return state;
}

export function mockCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  throw new Error(
    `the program called provider function ${args.token} offline; build the value in the program instead (plain JSON policies, ARNs from config) so tests can see it`,
  );
}
