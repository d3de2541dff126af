/**
 * The rules of the Atlas area: password users need a GCP project, usernames and secrets are unique and outside the
 * preview zone, roles stay on the environment's database and clusters, stream roles and connections fit together,
 * and database auditing is declared by the production stack only. Which database a grant may reach is decided in
 * `databases.ts`.
 */
import type { CoreConfig } from "../../config/core";
import { rule } from "../../config/rules";
import { list } from "../../config/schema";
import {
  ALLOWED_DATABASE_ROLES,
  BUILT_IN_EXECUTE_AS_ROLES,
  DATABASE_BUILT_IN_ROLES,
  OPT_IN_DATABASE_ROLES,
  forbiddenRoleReason,
} from "../../domain/atlas";
import { DEFAULT_PREVIEW_PREFIX } from "../../domain/kubernetes";
import type { PreviewsConfig } from "../operator/config";
import type { AppUserConfig, DatabaseAuditingConfig, StreamsConfig } from "./config";
import { checkOwnDatabase } from "./databases";

/** What the Atlas rules read. */
export type AtlasRuleInput = CoreConfig & {
  gcp?: { projectId: string };
  appUsers?: AppUserConfig[];
  streams?: StreamsConfig;
  databaseAuditing?: DatabaseAuditingConfig;
  previews?: PreviewsConfig;
};

/** `["streams","users",1]` → `streams.users[1]` (a config path as the error lines print it, without the prefix). */
function show(path: readonly PropertyKey[]): string {
  return path.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : (i === 0 ? "" : ".") + String(seg))).join("");
}

/** Every password user of the stack, wherever it is declared, with its config path. */
const passwordUsers = (cfg: Pick<AtlasRuleInput, "appUsers" | "streams">) => [
  ...(cfg.appUsers ?? []).map((u, i) => ({ u, path: ["appUsers", i] as PropertyKey[] })),
  ...(cfg.streams?.users ?? []).map((u, i) => ({ u, path: ["streams", "users", i] as PropertyKey[] })),
];

export const atlasRules = [
  rule<AtlasRuleInput>({
    name: "password users need a GCP project",
    reads: ["gcp", "appUsers", "streams"],
    check(cfg, add) {
      if (passwordUsers(cfg).length > 0 && cfg.gcp === undefined) {
        add(
          ["gcp"],
          undefined,
          "required when appUsers or streams.users are declared: their passwords are stored in this GCP project's Secret Manager",
        );
      }
    },
  }),
  rule<AtlasRuleInput>({
    name: "password users: unique names and secrets, outside the preview zone",
    reads: ["appUsers", "streams", "previews"],
    check(cfg, add) {
      const usernamePrefix = cfg.previews?.usernamePrefix ?? DEFAULT_PREVIEW_PREFIX;
      const firstUser = new Map<string, string>();
      const firstSecret = new Map<string, string>();
      for (const { u, path } of passwordUsers(cfg)) {
        const seenAt = firstUser.get(u.username);
        if (seenAt)
          add([...path, "username"], u.username, `duplicate of ${seenAt}; each Atlas username must be declared once`);
        else firstUser.set(u.username, show(path));
        const secretAt = firstSecret.get(u.secretId);
        if (secretAt)
          add(
            [...path, "secretId"],
            u.secretId,
            `is already the secret of ${secretAt}; each user needs its own secret`,
          );
        else firstSecret.set(u.secretId, show(path));
        if (u.username.startsWith(usernamePrefix)) {
          add(
            [...path, "username"],
            u.username,
            `starts with the preview username prefix ${usernamePrefix} (the operator-managed zone); choose a name outside it`,
          );
        }
      }
    },
  }),
  rule<AtlasRuleInput>({
    name: "application users' roles",
    reads: ["appUsers"],
    check({ appUsers }, add) {
      appUsers?.forEach((user, i) => {
        const at = (...rest: PropertyKey[]) => ["appUsers", i, ...rest];
        const optedIn = new Set<string>(user.roleOptIns.map((o) => o.role));
        user.roles.forEach((grant, j) => {
          const forbidden = forbiddenRoleReason(grant.role);
          if (forbidden) {
            add(
              at("roles", j, "role"),
              grant.role,
              `is never granted by this program: ${forbidden}; use read or readWrite`,
            );
          } else if (!(ALLOWED_DATABASE_ROLES as readonly string[]).includes(grant.role) && !optedIn.has(grant.role)) {
            add(
              at("roles", j, "role"),
              grant.role,
              (OPT_IN_DATABASE_ROLES as readonly string[]).includes(grant.role)
                ? `is not on the allowlist (${list(ALLOWED_DATABASE_ROLES)}); to grant it anyway add { role: ${JSON.stringify(grant.role)}, reason: "<why>" } to this user's roleOptIns`
                : `is not on the allowlist (${list(ALLOWED_DATABASE_ROLES)}) nor a role that may be opted in (${list(OPT_IN_DATABASE_ROLES)})`,
            );
          }
        });
        user.roleOptIns.forEach((optIn, k) => {
          if (!user.roles.some((g) => g.role === optIn.role)) {
            add(
              at("roleOptIns", k, "role"),
              optIn.role,
              "opts in to a role this user is not granted; remove the opt-in",
            );
          }
        });
      });
    },
  }),
  rule<AtlasRuleInput>({
    name: "application users stay on the environment's database and clusters",
    reads: ["environment", "atlas", "appUsers", "previews"],
    check(cfg, add) {
      cfg.appUsers?.forEach((user, i) => {
        user.roles.forEach((grant, j) =>
          checkOwnDatabase(cfg, grant.database, ["appUsers", i, "roles", j, "database"], add),
        );
        user.scopes.forEach((s, k) => {
          if (!cfg.atlas.clusters.includes(s))
            add(["appUsers", i, "scopes", k], s, `is not a cluster of atlas.clusters (${list(cfg.atlas.clusters)})`);
        });
      });
    },
  }),
  rule<AtlasRuleInput>({
    name: "stream roles, users and connections fit together",
    reads: ["streams"],
    check({ streams }, add) {
      if (!streams) return;
      const at = (...rest: PropertyKey[]) => ["streams", ...rest];
      const workspaces = streams.workspaces.map((w) => w.name);
      const personaRoles = streams.personaRoles.map((r) => r.name);
      const executionRoles = streams.executionRoles.map((r) => r.name);
      const seenRoles = new Map<string, string>();
      const checkRoleName = (name: string, path: PropertyKey[]) => {
        if (forbiddenRoleReason(name) || DATABASE_BUILT_IN_ROLES.includes(name) || /^xgen-/i.test(name)) {
          add(path, name, "must not reuse a built-in role name or the reserved xgen- prefix");
        }
        const first = seenRoles.get(name);
        if (first) add(path, name, `is already the name of ${first}; each custom role name must be unique`);
        else seenRoles.set(name, show(path.slice(0, 3)));
      };
      streams.personaRoles.forEach((r, i) => checkRoleName(r.name, at("personaRoles", i, "name")));
      streams.executionRoles.forEach((r, i) => checkRoleName(r.name, at("executionRoles", i, "name")));
      streams.users.forEach((u, i) => {
        if (!personaRoles.includes(u.role)) {
          add(
            at("users", i, "role"),
            u.role,
            `is not a role of streams.personaRoles (${list(personaRoles) || "none declared"})`,
          );
        }
        u.workspaces.forEach((w, k) => {
          if (!workspaces.includes(w))
            add(at("users", i, "workspaces", k), w, `is not a workspace of streams.workspaces (${list(workspaces)})`);
        });
      });
      streams.connections.forEach((c, i) => {
        if (!workspaces.includes(c.workspace))
          add(
            at("connections", i, "workspace"),
            c.workspace,
            `is not a workspace of streams.workspaces (${list(workspaces)})`,
          );
        const broad = forbiddenRoleReason(c.executeAs.role);
        if (broad) {
          add(
            at("connections", i, "executeAs", "role"),
            c.executeAs.role,
            `is too broad to execute as (${broad}); use type CUSTOM with a role of streams.executionRoles`,
          );
        } else if (c.executeAs.type === "BUILT_IN") {
          add(
            at("connections", i, "executeAs", "type"),
            c.executeAs.type,
            `every built-in execute-as role (${list(BUILT_IN_EXECUTE_AS_ROLES)}) reaches every database; use type CUSTOM with a role of streams.executionRoles`,
          );
        } else if (!executionRoles.includes(c.executeAs.role)) {
          add(
            at("connections", i, "executeAs", "role"),
            c.executeAs.role,
            `is not a role of streams.executionRoles (${list(executionRoles) || "none declared"})`,
          );
        }
      });
    },
  }),
  rule<AtlasRuleInput>({
    name: "stream execution roles and connections stay on the environment's database and clusters",
    reads: ["environment", "atlas", "streams", "previews"],
    check(cfg, add) {
      cfg.streams?.executionRoles.forEach((r, i) =>
        checkOwnDatabase(cfg, r.database, ["streams", "executionRoles", i, "database"], add),
      );
      cfg.streams?.connections.forEach((c, i) => {
        if (!cfg.atlas.clusters.includes(c.cluster))
          add(
            ["streams", "connections", i, "cluster"],
            c.cluster,
            `is not a cluster of atlas.clusters (${list(cfg.atlas.clusters)})`,
          );
      });
    },
  }),
  rule<AtlasRuleInput>({
    name: "database auditing is the production stack's, and reaches someone",
    reads: ["environment", "databaseAuditing"],
    check({ environment, databaseAuditing: auditing }, add) {
      if (!auditing) return;
      if (environment !== "prod") {
        add(
          ["databaseAuditing"],
          { environment },
          "is declared by the prod stack only: Atlas auditing and alerts are one setting of the shared Atlas project, so two stacks would overwrite each other; remove it from this stack",
        );
      }
      if (!Object.values(auditing.capture).some(Boolean)) {
        add(
          ["databaseAuditing", "capture"],
          auditing.capture,
          "captures nothing; keep at least one of authenticationSuccess, authenticationFailure, userAndRoleManagement",
        );
      }
      if (auditing.alerts.emails.length === 0 && auditing.alerts.webhooks.length === 0) {
        add(
          ["databaseAuditing", "alerts"],
          auditing.alerts,
          "must name at least one e-mail or webhook target: an alert nobody receives is not an alert",
        );
      }
    },
  }),
];
