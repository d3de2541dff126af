/**
 * OAuth 2.0 client credentials for an Atlas service account (the same `MONGODB_ATLAS_CLIENT_ID` /
 * `MONGODB_ATLAS_CLIENT_SECRET` the provider reads): the token endpoint `POST <base>/api/oauth/token`
 * (`components.securitySchemes.ServiceAccounts` of the Admin API specification), with the client id and secret as
 * HTTP Basic credentials. The secret lives only in this closure: it is never logged, thrown or written.
 */
import { AtlasApiError, type RetryPolicy, errorOf, sendWithRetry } from "./http";

export const TOKEN_PATH = "/api/oauth/token";

export interface ServiceAccountCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenSource {
  /** A bearer token valid for at least the next minute. */
  get(): Promise<string>;
  /** Forgets the cached token (after a 401): the next `get` asks for a new one. */
  invalidate(): void;
}

/** Renew this long before the token's announced expiry, so a request never starts with a token about to expire. */
const EXPIRY_MARGIN_MS = 60_000;

export function clientCredentialsToken(
  baseUrl: string,
  credentials: ServiceAccountCredentials,
  policy: RetryPolicy,
  fetchImpl?: (request: Request) => Promise<Response>,
  now: () => number = Date.now,
): TokenSource {
  let cached: { token: string; renewAt: number } | undefined;
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64");
  const what = `POST ${TOKEN_PATH}`;
  return {
    async get() {
      if (cached && now() < cached.renewAt) return cached.token;
      const response = await sendWithRetry(
        () =>
          new Request(new URL(TOKEN_PATH, baseUrl), {
            method: "POST",
            headers: {
              Authorization: `Basic ${basic}`,
              "Content-Type": "application/x-www-form-urlencoded",
              Accept: "application/json",
            },
            body: "grant_type=client_credentials",
          }),
        policy,
        fetchImpl,
      );
      if (!response.ok) throw await errorOf(what, response);
      let body: { access_token?: unknown; expires_in?: unknown };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        throw new AtlasApiError(
          what,
          response.status,
          "MALFORMED_RESPONSE",
          "the token endpoint answered without JSON",
        );
      }
      if (typeof body.access_token !== "string" || body.access_token === "") {
        throw new AtlasApiError(what, response.status, "MALFORMED_RESPONSE", "the answer has no access_token");
      }
      const lifetimeMs = typeof body.expires_in === "number" ? body.expires_in * 1000 : 3_600_000;
      cached = { token: body.access_token, renewAt: now() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS) };
      return cached.token;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
