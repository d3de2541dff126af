/**
 * A workload role deleted and re-created under the same name, through a real IAM policy evaluator
 * (@cloud-copilot/iam-simulate, AGPL, test-only). When a trust policy is saved, IAM turns a role ARN in `Principal`
 * into the role's unique principal id; once the role is deleted the policy shows that id and no longer applies, even to
 * a re-created role of the same name, until someone edits the role to put the ARN back
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_policy-examples.html). The simulator does not
 * model this, so the stored form is written out: the registered trust with each workload ARN replaced by the deleted
 * role's id. The re-created role is refused by what IAM stored; re-applying the registered
 * trust (what `pulumi up` does after a refresh shows the id) is what would let it in, which is why the connection README
 * forbids doing so unexamined and why the role-change detector reports it.
 */
import type { RunResult } from "../../offline/harness";
import { parseRoleArn } from "../../domain/aws";
import { ACCOUNT } from "./fixtures/connectionRole";
import { ADMIN, type Policy, sessionOf, simulate } from "./fixtures/iamSimulation";
import { committedRun } from "../../test/support/committedRuns";

const CONNECTION_ROLE = "atlas-access:aws:ConnectionRole";
let staging: RunResult;
beforeAll(async () => {
  staging = await committedRun("staging");
});

/** Each connection role of staging with its registered trust (parsed) and its same-account workload principals. */
function registered(): { roleArn: string; trust: Policy; workloads: string[] }[] {
  return staging.registrations
    .filter((r) => r.type === "aws:iam/role:Role" && r.parentType === CONNECTION_ROLE)
    .map((r) => {
      const trust = JSON.parse(String(r.inputs.assumeRolePolicy)) as { Statement: { Principal: { AWS?: string[] } }[] };
      const workloads = trust.Statement.flatMap((s) => s.Principal.AWS ?? []).filter(
        (p) => parseRoleArn(p)?.accountId === ACCOUNT,
      );
      return { roleArn: `arn:aws:iam::${ACCOUNT}:role/${String(r.inputs.name)}`, trust: trust as Policy, workloads };
    });
}

/** The trust as IAM stores it after `deleted` was deleted: its principal is the old role's unique id. */
function storedAfterDeletion(trust: Policy, deleted: string, oldId: string): Policy {
  return JSON.parse(JSON.stringify(trust).replaceAll(JSON.stringify(deleted), JSON.stringify(oldId))) as Policy;
}

describe("a workload role re-created with the same name (staging's connection roles)", () => {
  it("covers every same-account workload principal of staging (3)", () => {
    expect(registered().flatMap((r) => r.workloads)).toEqual([
      "arn:aws:iam::111122223333:role/service-role/syrf-staging-api-lambda",
      "arn:aws:iam::111122223333:role/syrf-staging-reports-task",
      "arn:aws:iam::111122223333:role/service-role/syrf-staging-reports-backfill-lambda",
    ]);
  });

  it("is refused by the trust IAM stored, even with an administrator's identity policy, and so is its session", async () => {
    for (const { roleArn, trust, workloads } of registered()) {
      for (const [i, workload] of workloads.entries()) {
        const stored = storedAfterDeletion(trust, workload, `AROAQOLDWORKLOADID00${i}`);
        expect(JSON.stringify(stored)).not.toContain(workload);
        for (const caller of [workload, sessionOf(workload)]) {
          expect({ caller, result: await simulate(stored, roleArn, caller, { identity: ADMIN }) }).toEqual({
            caller,
            result: "ImplicitlyDenied",
          });
        }
      }
    }
  });

  it("is let in again by re-applying the registered trust: the step the README forbids without an investigation", async () => {
    for (const { roleArn, trust, workloads } of registered()) {
      for (const workload of workloads) {
        expect({ workload, result: await simulate(trust, roleArn, workload) }).toEqual({ workload, result: "Allowed" });
      }
    }
  });
});
