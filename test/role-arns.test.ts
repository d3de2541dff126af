/**
 * One definition of "an exact IAM role ARN" (`domain/aws.ts` `parseRoleArn`): the connection config and the rulebook
 * accept and refuse the same principals. Every ARN is in the connection role's own account, so the only question
 * asked of both is whether it names exactly one role.
 */
import { evaluate } from "../guardrails/evaluate";
import { rules } from "../guardrails/rules";
import { engineValues, problemsIn } from "./support/config";

const ACCOUNT = "111122223333";
const NAME_64 = "a".repeat(64);

/** [principal, accepted by both] */
const CASES: [string, boolean][] = [
  [`arn:aws:iam::${ACCOUNT}:role/app`, true],
  [`arn:aws:iam::${ACCOUNT}:role/service-role/app`, true],
  [`arn:aws:iam::${ACCOUNT}:role/a/b/c/app`, true],
  [`arn:aws:iam::${ACCOUNT}:role/app+=,.@_-x`, true],
  [`arn:aws:iam::${ACCOUNT}:role/${NAME_64}`, true],
  [`arn:aws:iam::${ACCOUNT}:role/path"with-quote/app`, true],
  [`arn:aws-cn:iam::${ACCOUNT}:role/app`, true],
  [`arn:aws-us-gov:iam::${ACCOUNT}:role/app`, true],
  [`arn:aws:iam::${ACCOUNT}:role/${NAME_64}b`, false],
  [`arn:aws:iam::${ACCOUNT}:role/*`, false],
  [`arn:aws:iam::${ACCOUNT}:role/app-?`, false],
  [`arn:aws:iam::${ACCOUNT}:role/path*/app`, false],
  [`arn:aws:iam::${ACCOUNT}:role/`, false],
  [`arn:aws:iam::${ACCOUNT}:role/app/`, false],
  [`arn:aws:iam::${ACCOUNT}:role/my app`, false],
  [`arn:aws:iam::${ACCOUNT}:root`, false],
  [ACCOUNT, false],
  ["*", false],
  [`arn:aws:iam::${ACCOUNT}:user/deploy`, false],
  [`arn:aws:sts::${ACCOUNT}:assumed-role/app/session`, false],
  ["arn:aws:iam::11112222333:role/app", false],
  [`arn:aws:iam:eu-west-1:${ACCOUNT}:role/app`, false],
  [`arn:aws-iso:iam::${ACCOUNT}:role/app`, false],
  [`ARN:aws:iam::${ACCOUNT}:role/app`, false],
  [`arn:aws:iam::${ACCOUNT}:group/app`, false],
];

/** Whether the staging stack's config accepts `principal` as its first connection's only allowed principal. */
function configAccepts(principal: string): boolean {
  const raw = engineValues("staging", (cfg) => {
    (cfg.aws as { connections: { allowedPrincipals: string[] }[] }).connections.forEach((c, i) => {
      if (i === 0) c.allowedPrincipals = [principal];
    });
  });
  return !problemsIn(raw).some((p) => p.startsWith("atlas-access:aws.connections[0].allowedPrincipals"));
}

/** Whether the rulebook accepts a role trusting `principal` (no finding of any rule). */
function rulebookAccepts(principal: string): boolean {
  const trust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }],
  });
  return (
    evaluate([{ type: "aws:iam/role:Role", name: "r", parent: null, inputs: { assumeRolePolicy: trust } }], rules)
      .length === 0
  );
}

test("the table has at least 20 principals, both accepted and refused", () => {
  expect(CASES.length).toBeGreaterThanOrEqual(20);
  expect(new Set(CASES.map(([, ok]) => ok))).toEqual(new Set([true, false]));
});

test.each(CASES)("%s: config and rulebook agree (accepted: %s)", (principal, accepted) => {
  expect({ config: configAccepts(principal), rulebook: rulebookAccepts(principal) }).toEqual({
    config: accepted,
    rulebook: accepted,
  });
});
