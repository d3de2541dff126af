/**
 * The Atlas area's rules across the stacks of the repository (each `Pulumi.<stack>.yaml` against the others): no
 * shared GCP project or secret reader, one stack per Atlas username and per project-wide setting. That an
 * environment's database is reached only by that environment's principals is these rules (secret readers) together
 * with the connection area's "no AWS principal allowed by two stacks" (role ARNs and Pod Identity service accounts).
 */
import type { CoreConfig } from "../../config/core";
import { type AddIssue, type StackView, crossStackRule } from "../../config/rules";
import { list } from "../../config/schema";
import { roleArnAtRoot } from "../../domain/aws";
import type { AwsConfig } from "../connection/config";
import type { PreviewsConfig } from "../operator/config";
import type { AppUserConfig, DatabaseAuditingConfig, StreamsConfig } from "./config";

/** What these rules read. */
export type AtlasCrossStackInput = CoreConfig & {
  aws?: AwsConfig;
  gcp?: { projectId: string };
  appUsers?: AppUserConfig[];
  streams?: StreamsConfig;
  databaseAuditing?: DatabaseAuditingConfig;
  previews?: PreviewsConfig;
};
type View = StackView<AtlasCrossStackInput>;

/** `["streams","users",1,"username"]` → `streams.users[1].username`. */
const show = (path: readonly PropertyKey[]) =>
  path.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : (i === 0 ? "" : ".") + String(seg))).join("");

const sameProject = (self: View, peers: readonly View[]) =>
  peers.filter((p) => p.config.atlas.projectId === self.config.atlas.projectId);

interface Named {
  /** What is compared. */
  value: string;
  path: PropertyKey[];
  /** What the message shows as the bad value, when it is not `value` (a connection's name for its user's ARN). */
  input?: string;
}

/** Every password user of a stack (application and stream users) with its path. */
const passwordUsers = (cfg: AtlasCrossStackInput) => [
  ...(cfg.appUsers ?? []).map((u, i) => ({ u, path: ["appUsers", i] as PropertyKey[] })),
  ...(cfg.streams?.users ?? []).map((u, i) => ({ u, path: ["streams", "users", i] as PropertyKey[] })),
];

/** Every Atlas username a stack declares: password users, and the IAM-role users of its connections. */
function usernames(cfg: AtlasCrossStackInput): Named[] {
  const connections = (cfg.aws?.connections ?? []).map((c, i) => ({
    value: roleArnAtRoot(cfg.aws?.accountId ?? "", c.name),
    path: ["aws", "connections", i, "name"],
    input: c.name,
  }));
  return [
    ...passwordUsers(cfg).map(({ u, path }) => ({ value: u.username, path: [...path, "username"] })),
    ...connections,
  ];
}

/** Reports every value of `self` that a peer also declares, through `message(peer, where in the peer)`. */
function reportShared(
  mine: Named[],
  peers: readonly View[],
  theirs: (cfg: AtlasCrossStackInput) => Named[],
  add: AddIssue,
  message: (peer: string, where: string, named: Named) => string,
  key: (v: string) => string = (v) => v,
) {
  for (const peer of peers) {
    const index = new Map(theirs(peer.config).map((n) => [key(n.value), n.path]));
    for (const n of mine) {
      const where = index.get(key(n.value));
      if (where) add(n.path, n.input ?? n.value, message(peer.stack, show(where), n));
    }
  }
}

const secretReaders = (cfg: AtlasCrossStackInput): Named[] =>
  passwordUsers(cfg).map(({ u, path }) => ({ value: u.secretAccessor, path: [...path, "secretAccessor"] }));

export const atlasCrossStackRules = [
  crossStackRule<AtlasCrossStackInput>({
    name: "no two stacks share a GCP project",
    reads: ["gcp"],
    check(self, peers, add) {
      const own = self.config.gcp?.projectId;
      for (const peer of peers.filter((p) => own !== undefined && p.config.gcp?.projectId === own)) {
        add(
          ["gcp", "projectId"],
          own,
          `is also the GCP project of stack ${peer.stack}; each stack keeps its users' passwords in its own project, so that no reader of one stack's secrets can be granted another's`,
        );
      }
    },
  }),
  crossStackRule<AtlasCrossStackInput>({
    name: "no two stacks share a secret reader",
    reads: ["appUsers", "streams"],
    check(self, peers, add) {
      reportShared(
        secretReaders(self.config),
        peers,
        secretReaders,
        add,
        (peer, where) =>
          `also reads a password of stack ${peer} (${where}); give each stack's workloads their own identity, so that one environment's workload can never read another's credentials`,
      );
    },
  }),
  crossStackRule<AtlasCrossStackInput>({
    name: "an Atlas username belongs to one stack",
    reads: ["atlas", "aws", "appUsers", "streams", "previews"],
    check(self, peers, add) {
      const project = sameProject(self, peers);
      const mine = usernames(self.config);
      reportShared(
        mine,
        project,
        usernames,
        add,
        (peer, where, n) =>
          `${n.input === undefined ? "is" : `names Atlas user ${n.value}, which is`} also an Atlas user of stack ${peer} (${where}); the stacks share one Atlas project, so they would overwrite each other's user`,
        (v) => v.toLowerCase(),
      );
      for (const peer of project) {
        const prefix = peer.config.previews?.usernamePrefix;
        for (const n of mine.filter((m) => prefix !== undefined && m.value.startsWith(prefix))) {
          add(
            n.path,
            n.input ?? n.value,
            `starts with stack ${peer.stack}'s preview username prefix ${prefix ?? ""} (the operator-managed zone); choose a name outside it`,
          );
        }
      }
    },
  }),
  crossStackRule<AtlasCrossStackInput>({
    name: "exactly one stack owns each project-wide Atlas setting",
    reads: ["environment", "atlas", "databaseAuditing", "streams"],
    check(self, peers, add) {
      const project = sameProject(self, peers);
      const { projectId } = self.config.atlas;
      const auditors = project.filter((p) => p.config.databaseAuditing !== undefined).map((p) => p.stack);
      // Outside prod the section is refused by its own rule (rules.ts), once; here two prod stacks are the conflict.
      if (self.config.environment === "prod" && self.config.databaseAuditing !== undefined && auditors.length > 0) {
        add(
          ["databaseAuditing"],
          { alsoDeclaredBy: auditors },
          `is also declared by stack ${list(auditors)}; Atlas auditing and its alerts are one setting of project ${projectId}: exactly one stack, the prod stack, declares them`,
        );
      }
      if (self.config.environment === "prod" && self.config.databaseAuditing === undefined && auditors.length === 0) {
        add(
          ["databaseAuditing"],
          undefined,
          `required: no stack of Atlas project ${projectId} declares it (stacks: ${list([self.stack, ...project.map((p) => p.stack)].sort())}); the prod stack owns the project's database auditing and its alerts`,
        );
      }
      const names = (cfg: AtlasCrossStackInput): Named[] => [
        ...(cfg.streams?.workspaces ?? []).map((w, i) => ({
          value: w.name,
          path: ["streams", "workspaces", i, "name"],
        })),
        ...(cfg.streams?.personaRoles ?? []).map((r, i) => ({
          value: r.name,
          path: ["streams", "personaRoles", i, "name"],
        })),
        ...(cfg.streams?.executionRoles ?? []).map((r, i) => ({
          value: r.name,
          path: ["streams", "executionRoles", i, "name"],
        })),
      ];
      reportShared(
        names(self.config),
        project,
        names,
        add,
        (peer, where) =>
          `is also declared by stack ${peer} (${where}); stream workspaces and custom roles are names of the whole Atlas project: exactly one stack owns each`,
      );
    },
  }),
];
