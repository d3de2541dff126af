/**
 * AWS names and ARNs as this program writes and reads them. Every regular expression for an AWS identifier lives
 * here; config, components, guardrails and the offline engine import it.
 */

/** Partitions whose ARNs the program accepts. */
export const AWS_PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;
export type AwsPartition = (typeof AWS_PARTITIONS)[number];

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** An AWS region name such as `eu-west-1`. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** A CloudTrail trail name that also makes a valid S3 bucket name `<trailName>-<accountId>`: lowercase letters, digits
 * and `-`, 3-48 characters, starting and ending with a letter or digit (CloudTrail accepts a superset of this). */
export const TRAIL_NAME = /^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$/;
/** An IAM role name: 1-64 of `A-Z a-z 0-9 + = , . @ _ -` (IAM's own rule). */
export const ROLE_NAME = /^[A-Za-z0-9+=,.@_-]{1,64}$/;
/** An AWS Organizations organization id, e.g. `o-a1b2c3d4e5`. */
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
/** An EKS cluster ARN, e.g. `arn:aws:eks:eu-west-1:111122223333:cluster/apps` (groups: region, account, name). */
export const EKS_CLUSTER_ARN =
  /^arn:aws:eks:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):cluster\/([A-Za-z0-9][A-Za-z0-9_-]{0,99})$/;

/** The example every message about a role ARN shows. */
export const EXAMPLE_ROLE_ARN = "arn:aws:iam::111122223333:role/service-role/app-lambda";

/**
 * An exact IAM role ARN: partition, account, optional path (`/` or `/a/b/`, printable ASCII as IAM allows, but no
 * `*` or `?`, which IAM would read as wildcards in a condition), role name.
 */
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[!-)+->@-~]+\/)*)([A-Za-z0-9+=,.@_-]{1,64})$/;

/** A parsed IAM role ARN. */
export interface RoleArn {
  partition: AwsPartition;
  accountId: string;
  /** `/` or `/service-role/` etc. */
  path: string;
  name: string;
}

/** The parts of an exact IAM role ARN, or undefined when `arn` is anything else (a wildcard, a user, a session…). */
export function parseRoleArn(arn: string): RoleArn | undefined {
  const m = ROLE_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1] as AwsPartition, accountId: m[2] as string, path: `/${m[3] ?? ""}`, name: m[4] as string };
}

/** The name of the role an ARN designates (its last path segment), or undefined when it is not an exact role ARN. */
export const roleNameOfArn = (arn: string): string | undefined => parseRoleArn(arn)?.name;

/** The ARN of a role at path `/`, such as a connection role (created at path `/` so its ARN is known from config). */
export const roleArnAtRoot = (accountId: string, name: string, partition: AwsPartition = "aws"): string =>
  `arn:${partition}:iam::${accountId}:role/${name}`;

/** `arn:aws:iam::111122223333:root` or a bare account id: a principal standing for a whole account. */
export const isAccountRoot = (value: string): boolean =>
  /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(value) || ACCOUNT_ID.test(value);

/** An STS session ARN (`arn:aws:sts::<account>:assumed-role/...`): one temporary session, not a role. */
export const isStsArn = (value: string): boolean => /^arn:aws[a-z-]*:sts::/.test(value);

/** An IAM user ARN. */
export const isIamUserArn = (value: string): boolean => /^arn:aws[a-z-]*:iam::\d{12}:user\//.test(value);

/** An IAM action that names no action: `*`, or every action of a service (`s3:*`). */
export const isWildcardAction = (action: string): boolean => action === "*" || /^[A-Za-z0-9-]+:\*$/.test(action);

/** The account id inside an ARN (`arn:partition:service:region:account:...`), or undefined. */
export const accountOfArn = (arn: string): string | undefined => {
  const account = arn.split(":")[4];
  return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
};

/**
 * IAM Identity Center (successor of AWS SSO) creates one role per permission set and account, at
 * `/aws-reserved/sso.amazonaws.com/<region>/` and named `AWSReservedSSO_<permission set>_<suffix>`; its sessions are
 * people signed in through the identity provider, and the role is re-created with a new suffix when the permission
 * set is re-assigned ("Referencing permission sets in resource policies, Amazon EKS, and AWS KMS",
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html).
 */
export const IDENTITY_CENTER_ROLE_PATH_PREFIX = "/aws-reserved/sso.amazonaws.com/";
export const IDENTITY_CENTER_ROLE_NAME_PREFIX = "AWSReservedSSO_";
/** A role IAM Identity Center made for a permission set: a person's role, never a workload's. */
export const isIdentityCenterRole = (arn: string): boolean => {
  const role = parseRoleArn(arn);
  return (
    role !== undefined &&
    (role.path.startsWith(IDENTITY_CENTER_ROLE_PATH_PREFIX) || role.name.startsWith(IDENTITY_CENTER_ROLE_NAME_PREFIX))
  );
};

/**
 * The role AWS Organizations creates in every member account for the management account's administrators
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access-cross-account-role.html):
 * whoever may assume it administers the whole account. IAM role names are case-insensitive.
 */
export const ORGANIZATION_ACCESS_ROLE = "OrganizationAccountAccessRole";
export const isOrganizationAccessRole = (arn: string): boolean =>
  parseRoleArn(arn)?.name.toLowerCase() === ORGANIZATION_ACCESS_ROLE.toLowerCase();

/**
 * Words that, as a whole word of a role name, say the role stands for a person or an administrator rather than a
 * workload. Matched on the words of the name (split at non-alphanumerics and lower-to-upper case changes, so
 * `OpsAdmin`, `ops-admin` and `ops_admin` all contain `admin`), never inside a word (`badminton` is not `admin`).
 */
export const PERSON_OR_ADMINISTRATOR_WORDS = [
  "admin",
  "admins",
  "administrator",
  "administrators",
  "breakglass",
  "developer",
  "developers",
  "engineer",
  "engineers",
  "employee",
  "human",
  "humans",
  "people",
  "person",
  "poweruser",
  "root",
  "sso",
  "superuser",
] as const;
/** Two-word spellings of the same (`break-glass`, `power_user`, `BreakGlass`). */
const PERSON_OR_ADMINISTRATOR_PAIRS = [
  ["break", "glass"],
  ["power", "user"],
  ["super", "user"],
] as const;

/** The words of a role name, lowercase: `SyrfOps-admin_role` → `syrf`, `ops`, `admin`, `role`. */
export const roleNameWords = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());

/** The word of `roleName` that says it is a person's or an administrator's role, or undefined. */
export function personOrAdministratorWord(roleName: string): string | undefined {
  const words = roleNameWords(roleName);
  const single = words.find((w) => (PERSON_OR_ADMINISTRATOR_WORDS as readonly string[]).includes(w));
  if (single !== undefined) return single;
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = PERSON_OR_ADMINISTRATOR_PAIRS.find(([a, b]) => words[i] === a && words[i + 1] === b);
    if (pair) return pair.join("-");
  }
  return undefined;
}

/** The service principal of EKS Pod Identity: it assumes a role for a pod's service account. */
export const EKS_POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
/**
 * The session tags EKS Pod Identity adds when it assumes a role, in the order the Amazon EKS user guide lists them
 * ("Enable or disable session tags", https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html) and in which
 * they appear in the `AssumeRole` event's `requestParameters.tags` (the CloudTrail event in
 * aws-samples/amazon-eks-security-immersion-day,
 * content/2-identity-and-access-management/3-eks-pod-identity/3.eks-pod-identity-deep-dive/index.en.md). A trust
 * policy conditions on them as `aws:RequestTag/<key>`.
 */
export const POD_IDENTITY_SESSION_TAGS = [
  "eks-cluster-arn",
  "eks-cluster-name",
  "kubernetes-namespace",
  "kubernetes-service-account",
  "kubernetes-pod-name",
  "kubernetes-pod-uid",
] as const;
export type PodIdentitySessionTag = (typeof POD_IDENTITY_SESSION_TAGS)[number];
/** The position of a Pod Identity session tag in `requestParameters.tags`. */
export const podIdentityTagIndex = (tag: PodIdentitySessionTag): number => POD_IDENTITY_SESSION_TAGS.indexOf(tag);
