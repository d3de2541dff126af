/**
 * `verify-live` end to end against a local Atlas Admin API, continued from `verify.test.ts`: expiring credentials and
 * failed logins exactly, the `--fail-on` threshold, the Markdown report, API errors and usage errors; no secret in
 * anything printed or written.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cleanProject, failedBurst } from "./fixtures/project";
import { repositoryRunner } from "./testing/declarations";

const live = repositoryRunner();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verify-live-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("verify-live findings, exactly (credentials and logins)", () => {
  it("an expiring secret, older than its rotation period: high and medium, exit 1", async () => {
    const later = Date.parse("2027-02-20T06:00:00Z");
    const p = cleanProject();
    p.accessLogs = {};
    expect(await live.findings(p, ["--open-pull-requests", "12"], { now: later })).toEqual({
      code: 1,
      findings: [
        {
          id: "expiring-credential",
          severity: "high",
          subject: "service account atlas-kubernetes-operator-2026-11-30",
          message: "its newest secret expires on 2027-02-28 (in 8 day(s), warning from 14)",
          fix: "rotate it: set operator.credential.rotation.rotatedOn to today and deploy",
        },
        {
          id: "rotation-overdue",
          severity: "medium",
          subject: "service account atlas-kubernetes-operator-2026-11-30",
          message: "its newest secret was created on 2026-11-30, 81 days ago, beyond its rotation period of 60 days",
          fix: "rotate it: set operator.credential.rotation.rotatedOn to today in stack staging and deploy",
        },
      ],
    });
  });

  it("a burst of failed logins from one address: high, exit 1; below the threshold: nothing", async () => {
    const p = cleanProject();
    p.accessLogs["syrf-shared"]?.push(...failedBurst("syrf_staging_app", "198.51.100.23", 12));
    expect(await live.findings(p, ["--open-pull-requests", "12"])).toEqual({
      code: 1,
      findings: [
        {
          id: "failed-logins",
          severity: "high",
          subject: "user syrf_staging_app from 198.51.100.23",
          message:
            "12 failed authentications on cluster syrf-shared since 2026-12-09T06:00:00.000Z (threshold 10): UserNotFound: Could not find user",
          fix: "find the client at that address: a stale password after a rotation, or someone guessing; block the address in the access list if it is not yours",
        },
      ],
    });
    expect((await live.findings(p, ["--open-pull-requests", "12", "--failed-login-threshold", "13"])).findings).toEqual(
      [],
    );
  });
});

describe("verify-live: thresholds, reports and errors", () => {
  it("--fail-on decides the exit code; a credential not listed as known is reported", async () => {
    const p = cleanProject();
    const { code, stdout } = await live.run(p, [
      "--open-pull-requests",
      "12",
      "--known-credentials",
      "",
      "--fail-on",
      "critical",
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      "  CRITICAL unexpected-service-account service account atlas-access-deploy: no stack declares this service account, yet it holds project role(s) GROUP_OWNER\n",
    );
    const later = Date.parse("2027-02-20T06:00:00Z");
    expect(
      (await live.run(cleanProject(), ["--open-pull-requests", "12", "--fail-on", "critical"], { now: later })).code,
    ).toBe(0);
  });

  it("appends a Markdown report for a job summary", async () => {
    const file = path.join(tmp, "summary.md");
    fs.writeFileSync(file, "earlier step\n");
    const p = cleanProject();
    p.openPullRequests = [];
    await live.run(p, ["--markdown", file], { github: true });
    const text = fs.readFileSync(file, "utf8");
    live.printed.push(text);
    expect(text.split("\n").slice(0, 10)).toEqual([
      "earlier step",
      "## Atlas live verification: staging",
      "",
      "Project `64b7f3a1c2d4e5f6a7b8c9d0`, checked at 2026-12-10T06:00:00.000Z: **2 finding(s) (2 high); 2 at or above high**.",
      "",
      "Read: 8 database users, 3 custom roles, 1 access-list entries, 2 project service accounts, 2 organization service accounts, 1 organization API keys, 0 project API keys, 3 authentication attempts on 1 cluster(s) since 2026-12-09T06:00:00.000Z. Open pull requests: none (GitHub example/atlas-access).",
      "",
      "| severity | finding | subject | what | fix |",
      "| --- | --- | --- | --- | --- |",
      "| high | `orphaned-preview` | user syrf_pr_12_app | preview user of pull request #12, which is not open: its credential outlived the preview | let the preview-environments workflow close preview 12 (or remove 12 from previews and deploy); if the user stays, delete it in Atlas |",
    ]);
  });

  it("exits 2 with the HTTP status and Atlas's error code on an API error, and no stack trace", async () => {
    const p = cleanProject();
    p.groupId = "0123456789abcdef01234567";
    const { code, stdout, stderr } = await live.run(p, ["--open-pull-requests", "12"]);
    expect([code, stdout, stderr]).toEqual([
      2,
      "",
      "verify-live: GET /api/atlas/v2/groups/64b7f3a1c2d4e5f6a7b8c9d0/databaseUsers: HTTP 404 GROUP_NOT_FOUND: no project or organization 64b7f3a1c2d4e5f6a7b8c9d0\n",
    ]);
  });

  it("exits 2 on usage errors, and documents itself with --help", async () => {
    const bad = await live.run(cleanProject(), ["--fail-on", "severe"]);
    expect([bad.code, bad.stderr.split("\n")[0]]).toEqual([
      2,
      'verify-live: --fail-on: got "severe"; expected one of low, medium, high, critical',
    ]);
    const unknown = await live.run(cleanProject(), ["--since", "1w"]);
    expect(unknown.stderr.split("\n")[0]).toBe(
      'verify-live: --since: got "1w"; expected hours or days such as 24h or 7d',
    );
    const typo = await live.run(cleanProject(), ["--fail-onn", "high"]);
    expect([typo.code, typo.stderr.split("\n")[0]]).toEqual([
      2,
      "verify-live: unknown option --fail-onn (did you mean --fail-on?)",
    ]);
    const help = await live.run(cleanProject(), ["--help"]);
    expect([help.code, help.stdout.split("\n")[0]]).toEqual([
      0,
      "Usage: npm run verify-live -- --stack <name> [options]",
    ]);
  });
});
