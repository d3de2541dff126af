/**
 * The open pull requests, through Octokit against a local HTTP server on 127.0.0.1 that answers like the GitHub
 * REST API (two pages linked by a `Link` header); and which of them get a preview.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import { type PullRequestSummary, listOpenPullRequests, selectPreviews } from "./github";

const REPO = "camaradesuk/atlas-access";
const pr = (number: number, repo: string | null, labels: string[] = []) => ({
  number,
  state: "open",
  head: { repo: repo === null ? null : { full_name: repo } },
  labels: labels.map((name) => ({ name })),
});

describe("listOpenPullRequests", () => {
  let server: http.Server;
  let base = "";
  const requests: { url?: string; auth?: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push({ url: req.url, auth: req.headers.authorization });
      const page = new URL(req.url ?? "/", "http://x").searchParams.get("page") ?? "1";
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (page === "1") headers.link = `<${base}/repos/${REPO}/pulls?state=open&per_page=100&page=2>; rel="next"`;
      res.writeHead(200, headers);
      res.end(
        JSON.stringify(
          page === "1" ? [pr(12, REPO), pr(15, "someone/fork")] : [pr(18, REPO, ["preview"]), pr(21, null)],
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reads every page of the open pull requests, with the token", async () => {
    const prs = await listOpenPullRequests({ repository: REPO, token: "test-token", baseUrl: base });
    expect(prs.map((p) => [p.number, p.head.repo?.full_name ?? null, p.labels.map((l) => l.name)])).toEqual([
      [12, REPO, []],
      [15, "someone/fork", []],
      [18, REPO, ["preview"]],
      [21, null, []],
    ]);
    expect(requests.map((r) => r.url)).toEqual([
      `/repos/${REPO}/pulls?state=open&per_page=100`,
      `/repos/${REPO}/pulls?state=open&per_page=100&page=2`,
    ]);
    expect(requests.map((r) => r.auth)).toEqual(["token test-token", "token test-token"]);
  });

  it("refuses a repository that is not owner/name", async () => {
    await expect(listOpenPullRequests({ repository: "atlas-access", baseUrl: base })).rejects.toThrow(
      'repository must be owner/name (e.g. from GITHUB_REPOSITORY), got "atlas-access"',
    );
  });
});

describe("selectPreviews", () => {
  const prs: PullRequestSummary[] = [
    pr(18, REPO, ["preview"]),
    pr(12, REPO),
    pr(15, "someone/fork", ["preview"]),
    pr(21, null),
  ];

  it("keeps pull requests from branches of this repository only (never a fork's, never a deleted head)", () => {
    expect(selectPreviews(prs, { repository: REPO })).toEqual([12, 18]);
  });

  it("with a label, only those carrying it", () => {
    expect(selectPreviews(prs, { repository: REPO, label: "preview" })).toEqual([18]);
  });
});
