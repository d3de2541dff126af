/** The open pull requests of the repository, from the GitHub REST API (`GET /repos/{owner}/{repo}/pulls`). */
import { type RetryPolicy, errorOf, sendWithRetry } from "./http";

export const DEFAULT_GITHUB_API_URL = "https://api.github.com";
const PER_PAGE = 100;
const MAX_PAGES = 50;

export async function openPullRequests(
  repository: string,
  token: string,
  policy: RetryPolicy,
  apiUrl = DEFAULT_GITHUB_API_URL,
): Promise<number[]> {
  const numbers: number[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const url = new URL(`/repos/${repository}/pulls`, apiUrl);
    url.search = new URLSearchParams({ state: "open", per_page: String(PER_PAGE), page: String(page) }).toString();
    const response = await sendWithRetry(
      () =>
        new Request(url, {
          headers: {
            Accept: "application/vnd.github+json",
            Authorization: `Bearer ${token}`,
            "X-GitHub-Api-Version": "2022-11-28",
          },
        }),
      policy,
    );
    if (!response.ok) throw await errorOf(`GET /repos/${repository}/pulls`, response);
    const body = (await response.json().catch(() => undefined)) as { number?: unknown }[] | undefined;
    if (!Array.isArray(body)) throw new Error(`GET /repos/${repository}/pulls: the answer is not a list`);
    numbers.push(...body.map((p) => p.number).filter((n): n is number => typeof n === "number"));
    if (body.length < PER_PAGE) break;
  }
  return numbers.sort((a, b) => a - b);
}
