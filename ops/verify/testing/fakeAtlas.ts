/**
 * A fake Atlas Admin API on 127.0.0.1 (ephemeral port) for tests: the token endpoint and the read operations the live
 * check uses, with paging, the versioned `Accept` header enforced, faults on demand (429, 500, an expired token, a
 * body that is not JSON or not the right shape, a slow answer) and every well-formed answer validated against the
 * specification subset (`violations`). It also answers GitHub's list of open pull requests. It closes itself after
 * `lifetimeMs` if a test forgets to.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import type {
  AccessListEntry,
  AccessLog,
  ApiKey,
  CustomRole,
  DatabaseUser,
  OrgServiceAccount,
  ProjectServiceAccount,
} from "../client";
import { TOKEN_PATH } from "../token";
import { type ResponseValidator, loadSpec, responseValidator } from "./spec";

export interface FakeProject {
  orgId: string;
  groupId: string;
  databaseUsers: DatabaseUser[];
  customRoles: CustomRole[];
  accessList: AccessListEntry[];
  projectServiceAccounts: ProjectServiceAccount[];
  orgServiceAccounts: OrgServiceAccount[];
  /** The organization's API keys with all their roles; the project's list is those with a role on `groupId`. */
  apiKeys: ApiKey[];
  /** Per cluster name. */
  accessLogs: Record<string, AccessLog[]>;
  /** Open pull request numbers GitHub reports. */
  openPullRequests: number[];
}

export type Fault =
  | { status: 401 | 403 | 429 | 500 | 503; retryAfter?: string }
  | { malformed: "not-json" | "wrong-shape" }
  | { expireTokens: true }
  | { delayMs: number };

export interface FakeAtlasOptions {
  clientId: string;
  clientSecret: string;
  /** Faults served in order to the next requests of an operation (`listDatabaseUsers`, …, or `token`). */
  faults?: Record<string, Fault[]>;
  /** @default 3600 */
  tokenLifetimeSeconds?: number;
  /** @default 60000 */
  lifetimeMs?: number;
}

export interface RecordedRequest {
  operation: string;
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string | undefined;
  /** `Bearer` or `Basic` (the scheme only: the value is a credential). */
  auth: string | undefined;
}

export interface FakeAtlas {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers the specification does not accept: a test asserts there are none. */
  violations: string[];
  close(): Promise<void>;
}

const spec = loadSpec();
let validator: ResponseValidator | undefined;

/** Operation templates of the subset, matched by regular expression. */
const operations = Object.entries(spec.paths).flatMap(([template, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    template,
    method: method.toUpperCase(),
    id: op.operationId,
    media: Object.keys((op.responses["200"] as { content: Record<string, unknown> }).content)[0] as string,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
    names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
  })),
);

export async function startFakeAtlas(project: FakeProject, options: FakeAtlasOptions): Promise<FakeAtlas> {
  validator ??= responseValidator(spec);
  const validate = validator;
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const faults = Object.fromEntries(Object.entries(options.faults ?? {}).map(([k, v]) => [k, [...v]]));
  const tokens = new Map<string, number>();
  let issued = 0;
  const expectedBasic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString("base64")}`;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    const send = (
      status: number,
      body: unknown,
      media: string,
      template?: string,
      headers: Record<string, string> = {},
    ) => {
      if (template) violations.push(...validate(template, req.method ?? "GET", status, media, body));
      res.writeHead(status, { "Content-Type": media, ...headers });
      res.end(JSON.stringify(body));
    };
    const apiError = (status: number, errorCode: string, detail: string, template?: string) =>
      send(
        status,
        { error: status, errorCode, detail, reason: http.STATUS_CODES[status] },
        "application/json",
        template,
      );

    const route = operations.find((o) => o.method === req.method && o.pattern.test(url.pathname));
    const operation =
      url.pathname === TOKEN_PATH
        ? "token"
        : /^\/repos\/[^/]+\/[^/]+\/pulls$/.test(url.pathname)
          ? "pulls"
          : (route?.id ?? "unknown");
    const auth = req.headers.authorization?.split(" ")[0];
    requests.push({ operation, method: req.method ?? "", path: url.pathname, query, accept: req.headers.accept, auth });

    const fault = faults[operation]?.shift();
    const serve = () => {
      if (fault && "status" in fault) {
        const headers: Record<string, string> =
          fault.retryAfter === undefined ? {} : { "Retry-After": fault.retryAfter };
        if (operation === "token")
          return send(fault.status, { error: "temporarily_unavailable" }, "application/json", undefined, headers);
        const code =
          fault.status === 429 ? "RATE_LIMITED" : fault.status < 500 ? "USER_UNAUTHORIZED" : "UNEXPECTED_ERROR";
        return send(
          fault.status,
          { error: fault.status, errorCode: code, detail: "injected by the test" },
          "application/json",
          route?.template,
          headers,
        );
      }
      if (fault && "malformed" in fault) {
        res.writeHead(200, { "Content-Type": route?.media ?? "application/json" });
        return res.end(fault.malformed === "not-json" ? "<html>gateway</html>" : JSON.stringify({ results: "none" }));
      }
      if (fault && "expireTokens" in fault) tokens.clear();

      if (operation === "token") {
        if (req.method !== "POST" || req.headers.authorization !== expectedBasic) {
          return send(
            401,
            { error: "invalid_client", error_description: "unknown client credentials" },
            "application/json",
          );
        }
        const token = `fake-token-${++issued}`;
        tokens.set(token, issued);
        return send(
          200,
          { access_token: token, expires_in: options.tokenLifetimeSeconds ?? 3600, token_type: "Bearer" },
          "application/json",
        );
      }
      if (operation === "pulls") {
        const page = Number(query.page ?? "1");
        const per = Number(query.per_page ?? "30");
        const all = project.openPullRequests.map((number) => ({ number, state: "open" }));
        return send(200, all.slice((page - 1) * per, page * per), "application/json");
      }
      if (!route) return apiError(404, "RESOURCE_NOT_FOUND", `no operation ${req.method} ${url.pathname} in the fake`);
      const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
      if (!tokens.has(token))
        return apiError(401, "NOT_AUTHENTICATED", "the access token is missing, expired or revoked", route.template);
      if (req.headers.accept !== route.media) {
        return apiError(406, "INVALID_API_VERSION", `send Accept: ${route.media}`);
      }
      const params = Object.fromEntries(
        route.names.map((n, i) => [n, decodeURIComponent(route.pattern.exec(url.pathname)?.[i + 1] ?? "")]),
      );
      const id = params.groupId ?? params.orgId;
      if (id !== project.groupId && id !== project.orgId)
        return apiError(404, "GROUP_NOT_FOUND", `no project or organization ${id}`, route.template);
      const page = <T>(items: T[]) => {
        const per = Number(query.itemsPerPage ?? "100");
        const num = Number(query.pageNum ?? "1");
        return { results: items.slice((num - 1) * per, num * per), totalCount: items.length, links: [] };
      };
      const bodies: Record<string, () => unknown> = {
        listDatabaseUsers: () => page(project.databaseUsers),
        listCustomDatabaseRoles: () => project.customRoles,
        listProjectIpAccessLists: () => page(project.accessList),
        listProjectServiceAccounts: () => page(project.projectServiceAccounts),
        listServiceAccounts: () => page(project.orgServiceAccounts),
        listApiKeys: () => page(project.apiKeys),
        listProjectApiKeys: () =>
          page(project.apiKeys.filter((k) => (k.roles ?? []).some((r) => r.groupId === project.groupId))),
        listAccessLogsByClusterName: () => {
          const start = Number(query.start ?? "0");
          const end = Number(query.end ?? String(Number.MAX_SAFE_INTEGER));
          const logs = (project.accessLogs[params.clusterName ?? ""] ?? []).filter((l) => {
            const t = Date.parse(l.timestamp ?? "");
            return t >= start && t <= end;
          });
          return { accessLogs: logs };
        },
      };
      const body = bodies[route.id];
      if (!body) return apiError(404, "RESOURCE_NOT_FOUND", `the fake does not serve ${route.id}`);
      return send(200, body(), route.media, route.template);
    };
    if (fault && "delayMs" in fault) {
      const timer = setTimeout(serve, fault.delayMs);
      res.on("close", () => clearTimeout(timer));
    } else serve();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  setTimeout(() => void close(), options.lifetimeMs ?? 60_000).unref();
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, requests, violations, close };
}
