/**
 * A typed, read-only client for the Atlas Admin API v2 operations the live check uses: types generated from the
 * vendored specification subset (`atlas-api.d.ts`), calls made with openapi-fetch, the versioned `Accept` header each
 * operation declares, every page read (`pageNum`, `itemsPerPage`, `totalCount`), a fresh token after a 401, and
 * bounded retries with a timeout (`http.ts`).
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./atlas-api";
import { AtlasApiError, DEFAULT_RETRY, type RetryPolicy, apiErrorOf, sendWithRetry } from "./http";
import { type ServiceAccountCredentials, type TokenSource, clientCredentialsToken } from "./token";

export type Schemas = components["schemas"];
/** As Atlas answers it: without the request-only (`writeOnly`) `groupId` and `password`. */
export type DatabaseUser = Omit<Schemas["CloudDatabaseUser"], "groupId" | "password">;
export type CustomRole = Schemas["UserCustomDBRole"];
export type AccessListEntry = Schemas["NetworkPermissionEntry"];
export type ProjectServiceAccount = Schemas["GroupServiceAccount"];
export type OrgServiceAccount = Schemas["OrgServiceAccount"];
export type AccessLog = Schemas["MongoDBAccessLogs"];
/** A (legacy) programmatic API key with every project and organization role it holds. */
export type ApiKey = Schemas["ApiKeyUserDetails"];

export const DEFAULT_BASE_URL = "https://cloud.mongodb.com";
/** The versions the specification subset declares for each operation's 200 response (see vendor/atlas-admin-api). */
export const MEDIA_2023_01_01 = "application/vnd.atlas.2023-01-01+json";
export const MEDIA_2024_08_05 = "application/vnd.atlas.2024-08-05+json";
/** The largest page the API serves (`itemsPerPage` maximum). */
export const MAX_ITEMS_PER_PAGE = 500;
/** A bound on paging, so a server that never stops announcing more cannot keep the check running. */
export const MAX_PAGES = 200;

export interface AtlasClientOptions {
  /** @default https://cloud.mongodb.com (`MONGODB_ATLAS_BASE_URL`) */
  baseUrl?: string;
  credentials: ServiceAccountCredentials;
  retry?: Partial<RetryPolicy>;
  /** @default 500 */
  itemsPerPage?: number;
}

export interface AtlasClient {
  listDatabaseUsers(groupId: string): Promise<DatabaseUser[]>;
  listCustomRoles(groupId: string): Promise<CustomRole[]>;
  listAccessList(groupId: string): Promise<AccessListEntry[]>;
  listProjectServiceAccounts(groupId: string): Promise<ProjectServiceAccount[]>;
  listOrgServiceAccounts(orgId: string): Promise<OrgServiceAccount[]>;
  /** Every API key of the organization (`listApiKeys`: Organization Member suffices). */
  listOrgApiKeys(orgId: string): Promise<ApiKey[]>;
  /** The organization's API keys assigned to the project (`listProjectApiKeys`: needs Project Owner). */
  listProjectApiKeys(groupId: string): Promise<ApiKey[]>;
  /** Authentication attempts on one cluster between `start` and `end` (epoch milliseconds). */
  listAccessLogs(groupId: string, clusterName: string, window: { start: number; end: number }): Promise<AccessLog[]>;
}

interface Page<T> {
  results?: T[];
  totalCount?: number;
}

export function createAtlasClient(options: AtlasClientOptions): AtlasClient {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const perPage = options.itemsPerPage ?? MAX_ITEMS_PER_PAGE;
  const tokens: TokenSource = clientCredentialsToken(baseUrl, options.credentials, policy);

  // Every call: a bearer token, retries; one new token when Atlas answers 401 (an expired or revoked token).
  const authorized = async (request: Request): Promise<Response> => {
    const send = () =>
      sendWithRetry(async () => {
        const r = request.clone();
        r.headers.set("Authorization", `Bearer ${await tokens.get()}`);
        return r;
      }, policy);
    const first = await send();
    if (first.status !== 401) return first;
    await first.body?.cancel();
    tokens.invalidate();
    return send();
  };
  const api = createClient<paths>({ baseUrl, fetch: authorized });

  /** Unwraps one openapi-fetch answer: data on success, an {@link AtlasApiError} otherwise. */
  async function call<T>(
    what: string,
    run: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    let answer: { data?: T; error?: unknown; response: Response };
    try {
      answer = await run();
    } catch (err) {
      if (err instanceof AtlasApiError) throw err;
      // openapi-fetch parses the body as JSON: a body that is not JSON lands here.
      throw new AtlasApiError(what, 200, "MALFORMED_RESPONSE", "the body is not JSON");
    }
    const { data, error, response } = answer;
    if (!response.ok) throw apiErrorOf(`GET ${new URL(response.url).pathname}`, response, error);
    if (data === undefined) throw new AtlasApiError(what, response.status, "MALFORMED_RESPONSE", "the body is empty");
    return data;
  }

  async function allPages<T>(what: string, page: (pageNum: number) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
      const body = await page(pageNum);
      if (!Array.isArray(body.results)) {
        throw new AtlasApiError(what, 200, "MALFORMED_RESPONSE", `page ${pageNum} has no results array`);
      }
      items.push(...body.results);
      const done =
        body.results.length === 0 ||
        (typeof body.totalCount === "number" ? items.length >= body.totalCount : body.results.length < perPage);
      if (done) return items;
    }
    throw new AtlasApiError(what, 200, "TOO_MANY_PAGES", `more than ${MAX_PAGES} pages of ${perPage}`);
  }

  const paging = (pageNum: number) => ({ pageNum, itemsPerPage: perPage, includeCount: true });
  const v2023 = { Accept: MEDIA_2023_01_01 };
  const v2024 = { Accept: MEDIA_2024_08_05 };

  return {
    listDatabaseUsers: (groupId) =>
      allPages("GET databaseUsers", (pageNum) =>
        call("GET databaseUsers", () =>
          api.GET("/api/atlas/v2/groups/{groupId}/databaseUsers", {
            params: { path: { groupId }, query: paging(pageNum) },
            headers: v2023,
          }),
        ),
      ),
    listCustomRoles: async (groupId) => {
      const roles = await call("GET customDBRoles/roles", () =>
        api.GET("/api/atlas/v2/groups/{groupId}/customDBRoles/roles", {
          params: { path: { groupId } },
          headers: v2023,
        }),
      );
      if (!Array.isArray(roles)) {
        throw new AtlasApiError("GET customDBRoles/roles", 200, "MALFORMED_RESPONSE", "the body is not an array");
      }
      return roles;
    },
    listAccessList: (groupId) =>
      allPages("GET accessList", (pageNum) =>
        call("GET accessList", () =>
          api.GET("/api/atlas/v2/groups/{groupId}/accessList", {
            params: { path: { groupId }, query: paging(pageNum) },
            headers: v2023,
          }),
        ),
      ),
    listProjectServiceAccounts: (groupId) =>
      allPages("GET groups/serviceAccounts", (pageNum) =>
        call("GET groups/serviceAccounts", () =>
          api.GET("/api/atlas/v2/groups/{groupId}/serviceAccounts", {
            params: { path: { groupId }, query: paging(pageNum) },
            headers: v2024,
          }),
        ),
      ),
    listOrgServiceAccounts: (orgId) =>
      allPages("GET orgs/serviceAccounts", (pageNum) =>
        call("GET orgs/serviceAccounts", () =>
          api.GET("/api/atlas/v2/orgs/{orgId}/serviceAccounts", {
            params: { path: { orgId }, query: paging(pageNum) },
            headers: v2024,
          }),
        ),
      ),
    listOrgApiKeys: (orgId) =>
      allPages("GET orgs/apiKeys", (pageNum) =>
        call("GET orgs/apiKeys", () =>
          api.GET("/api/atlas/v2/orgs/{orgId}/apiKeys", {
            params: { path: { orgId }, query: paging(pageNum) },
            headers: v2023,
          }),
        ),
      ),
    listProjectApiKeys: (groupId) =>
      allPages("GET groups/apiKeys", (pageNum) =>
        call("GET groups/apiKeys", () =>
          api.GET("/api/atlas/v2/groups/{groupId}/apiKeys", {
            params: { path: { groupId }, query: paging(pageNum) },
            headers: v2023,
          }),
        ),
      ),
    listAccessLogs: async (groupId, clusterName, { start, end }) => {
      const body = await call("GET dbAccessHistory", () =>
        api.GET("/api/atlas/v2/groups/{groupId}/dbAccessHistory/clusters/{clusterName}", {
          params: { path: { groupId, clusterName }, query: { start, end } },
          headers: v2023,
        }),
      );
      if (!Array.isArray(body.accessLogs)) {
        throw new AtlasApiError("GET dbAccessHistory", 200, "MALFORMED_RESPONSE", "the body has no accessLogs array");
      }
      return body.accessLogs;
    },
  };
}
