/**
 * The transport under every Atlas call: a request timeout, and bounded retries with exponential back-off on 429, 5xx
 * and network failures (honouring `Retry-After`, capped). Errors carry the HTTP status and the Atlas error code, and
 * never a credential.
 */

export interface RetryPolicy {
  /** Attempts per request, the first included. @default 4 */
  maxAttempts: number;
  /** Timeout of one attempt, in milliseconds. @default 30000 */
  timeoutMs: number;
  /** First back-off delay; doubled on each retry. @default 500 */
  baseDelayMs: number;
  /** Upper bound on one delay, `Retry-After` included. @default 20000 */
  maxDelayMs: number;
  /** Waits between attempts (tests inject a recorder). */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  timeoutMs: 30_000,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A failed Atlas call: what was asked, the HTTP status (0 when no response came), Atlas's error code and detail. */
export class AtlasApiError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
  ) {
    super(`${request}: ${status === 0 ? "no response" : `HTTP ${status}`} ${errorCode}${detail ? `: ${detail}` : ""}`);
    this.name = "AtlasApiError";
  }
}

/** `GET /api/atlas/v2/groups/…/databaseUsers` (path only: the query may name a page, never a secret). */
export const describeRequest = (request: Request): string => `${request.method} ${new URL(request.url).pathname}`;

const retryable = (status: number) => status === 429 || status >= 500;

/** Seconds or an HTTP date, as `Retry-After` allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends `make()` (a fresh Request per attempt) until it gets a response that is neither 429 nor 5xx, or attempts run
 * out; then returns the last response. Timeouts and network errors are retried the same way and, on the last
 * attempt, thrown as an {@link AtlasApiError} with status 0.
 */
export async function sendWithRetry(
  make: () => Request | Promise<Request>,
  policy: RetryPolicy,
  fetchImpl: (request: Request) => Promise<Response> = (r) => fetch(r),
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const request = await make();
    const last = attempt >= policy.maxAttempts;
    let response: Response;
    try {
      response = await fetchImpl(new Request(request, { signal: AbortSignal.timeout(policy.timeoutMs) }));
    } catch (err) {
      if (last) {
        const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
        throw new AtlasApiError(
          describeRequest(request),
          0,
          timedOut ? "TIMEOUT" : "NETWORK_ERROR",
          timedOut
            ? `no answer within ${policy.timeoutMs} ms after ${attempt} attempt(s)`
            : `${err instanceof Error ? err.message : String(err)} after ${attempt} attempt(s)`,
        );
      }
      await policy.sleep(backoff(policy, attempt));
      continue;
    }
    if (!retryable(response.status) || last) return response;
    const wait = retryAfterMs(response.headers.get("retry-after")) ?? backoff(policy, attempt);
    await response.body?.cancel();
    await policy.sleep(Math.min(wait, policy.maxDelayMs));
  }
}

const backoff = (policy: RetryPolicy, attempt: number) =>
  Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);

/** The Atlas error of a failed response: `ApiError` (`errorCode`, `detail`) or OAuth's `error`, else the status text. */
export function apiErrorOf(request: string, response: Response, body: unknown): AtlasApiError {
  const b = (body !== null && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const code =
    typeof b.errorCode === "string"
      ? b.errorCode
      : typeof b.error === "string"
        ? b.error
        : response.statusText || "ERROR";
  const detail =
    typeof b.detail === "string" ? b.detail : typeof b.error_description === "string" ? b.error_description : "";
  return new AtlasApiError(request, response.status, code, detail);
}

/** {@link apiErrorOf} for a response whose body has not been read. */
export async function errorOf(request: string, response: Response): Promise<AtlasApiError> {
  const text = await response.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return apiErrorOf(request, response, body);
}
