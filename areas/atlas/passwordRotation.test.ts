/**
 * Password rotation of an application user, as the real program registers it for the staging stack when the config
 * asks for it: a `keepers` date regenerates the password, which then replaces its secret version; the Atlas user and
 * the secret stay protected. Without rotation (the stacks as committed) everything stays protected:
 * `stacks.staging.test.ts`.
 */
import { type RunResult, runStack } from "../../offline/harness";
import { parseStackConfig } from "../../program/config";
import { problemsOf } from "../../test/support/config";
import { valid } from "../operator/fixtures/config";

type AppUser = { username: string; passwordRotation?: Record<string, unknown> };
const withRotation = (cfg: Record<string, unknown>, rotation: Record<string, unknown>) => {
  (cfg.appUsers as AppUser[])[0] = { ...(cfg.appUsers as AppUser[])[0], passwordRotation: rotation } as AppUser;
};

let run: RunResult;
beforeAll(async () => {
  run = await runStack({ stack: "staging", mutateConfig: (cfg) => withRotation(cfg, { rotatedOn: "2026-12-01" }) });
});
const reg = (type: string, name: string) => run.registrations.find((r) => r.type === type && r.name === name);

describe("application user password rotation", () => {
  it("regenerates the password when the rotation date changes, and lets it and its secret version be replaced", () => {
    const password = reg("random:index/randomPassword:RandomPassword", "syrf_staging_app-password");
    expect([password?.inputs.keepers, password?.protect]).toEqual([{ rotatedOn: "2026-12-01" }, false]);
    const version = reg("gcp:secretmanager/secretVersion:SecretVersion", "syrf_staging_app-secret-version");
    expect([version?.protect, version?.retainOnDelete]).toEqual([false, false]);
  });

  it("keeps the Atlas user and the secret protected, and leaves the other users' passwords alone", () => {
    const user = reg("mongodbatlas:index/databaseUser:DatabaseUser", "syrf_staging_app-user");
    const secret = reg("gcp:secretmanager/secret:Secret", "syrf_staging_app-secret");
    expect([user?.protect, secret?.protect]).toEqual([true, true]);
    const other = reg("random:index/randomPassword:RandomPassword", "syrf_staging_stream_operator-password");
    expect([other?.inputs.keepers, other?.protect]).toEqual([undefined, true]);
  });

  it("shows the rotation date and the day it is due in the plan", () => {
    const lines = run.outputs.accessSummary.find((s) => s.name === "staging-app-users")?.lines ?? [];
    expect(lines[0]).toMatch(
      /; protected from deletion; password rotated on 2026-12-01, rotate by 2027-03-01 \(every 90 days\)$/,
    );
  });

  it("validates the rotation config", () => {
    const cfg = valid();
    withRotation(cfg, { rotatedOn: "2026-12-01" });
    expect(parseStackConfig(cfg).appUsers?.[0]?.passwordRotation).toEqual({
      rotatedOn: "2026-12-01",
      rotateEveryDays: 90,
    });
    withRotation(cfg, { rotatedOn: "yesterday", rotateEveryDays: 0 });
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:appUsers[0].passwordRotation.rotatedOn: got "yesterday"; must be the day of the last rotation as YYYY-MM-DD, e.g. 2026-11-30',
      "atlas-access:appUsers[0].passwordRotation.rotateEveryDays: got 0; must be a whole number of days from 1 to 365",
    ]);
  });
});
