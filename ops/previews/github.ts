/**
 * The source of truth for which previews should exist: the open pull requests of the repository, through the GitHub
 * REST API (`GET /repos/{owner}/{repo}/pulls?state=open`, every page). A preview is only for a branch of this
 * repository (a fork's code must never get a database user), and, when a label is configured, only for pull requests
 * carrying it.
 */
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";

// GitHub's own client, its core and its pagination plugin: the one endpoint this needs, typed by route. (`@octokit/rest`
// bundles the same two with every endpoint's methods, whose types pin a second copy of GitHub's OpenAPI types: 12 MB
// more for the type check to read.)
const GitHub = Octokit.plugin(paginateRest);

/** A pull request as the REST API lists it, as far as selecting previews needs it. */
export interface PullRequestSummary {
  number: number;
  head: { repo: { full_name: string } | null };
  labels: { name?: string }[];
}

export interface PreviewSelection {
  /** `owner/name` of this repository. */
  repository: string;
  /** Only pull requests carrying this label. @default every pull request */
  label?: string;
}

/** The pull requests that get a preview, ascending. Pure. */
export function selectPreviews(prs: readonly PullRequestSummary[], selection: PreviewSelection): number[] {
  return prs
    .filter((pr) => pr.head.repo?.full_name === selection.repository)
    .filter((pr) => selection.label === undefined || pr.labels.some((l) => l.name === selection.label))
    .map((pr) => pr.number)
    .sort((a, b) => a - b);
}

export interface GitHubOptions {
  /** `owner/name`, e.g. from `GITHUB_REPOSITORY`. */
  repository: string;
  /** A token that can read pull requests (the workflow's `GITHUB_TOKEN`). */
  token?: string;
  /** API root, e.g. from `GITHUB_API_URL`. @default https://api.github.com */
  baseUrl?: string;
}

/** Every open pull request of the repository (all pages). */
export async function listOpenPullRequests(options: GitHubOptions): Promise<PullRequestSummary[]> {
  const [owner, repo, ...rest] = options.repository.split("/");
  if (!owner || !repo || rest.length > 0) {
    throw new Error(
      `repository must be owner/name (e.g. from GITHUB_REPOSITORY), got ${JSON.stringify(options.repository)}`,
    );
  }
  const github = new GitHub({ auth: options.token, baseUrl: options.baseUrl, userAgent: "atlas-access-previews" });
  const prs = await github.paginate("GET /repos/{owner}/{repo}/pulls", { owner, repo, state: "open", per_page: 100 });
  return prs.map((pr) => ({
    number: pr.number,
    head: { repo: pr.head.repo ? { full_name: pr.head.repo.full_name } : null },
    labels: pr.labels.map((l) => ({ name: l.name })),
  }));
}
