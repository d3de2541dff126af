/**
 * The sections every area reads: which environment this stack is, and the one Atlas organization, project and
 * clusters all environments share. Areas may read them in their rules; nothing here reads an area.
 */
import { z } from "zod";
import { CLUSTER_HOST } from "../domain/atlas";
import { ENVIRONMENTS } from "../domain/project";
import { crossStackRule } from "./rules";
import { atlasId, clusterName, databaseName, strictObject, uniqueList } from "./schema";

/** `atlas-access:environment`: which long-lived environment this stack is; it decides which database its users reach. */
export const environmentSchema = z.enum(ENVIRONMENTS, { error: `must be one of: ${ENVIRONMENTS.join(", ")}` });
export type Environment = z.infer<typeof environmentSchema>;

/** `atlas-access:atlas`: the one Atlas organization, project and clusters every environment shares. */
export const atlasSchema = strictObject({
  /** Atlas organization id (24 hex). */
  orgId: atlasId("Atlas organization id"),
  /** Atlas project id (24 hex) shared by production, staging and previews. */
  projectId: atlasId("Atlas project id"),
  /** Named clusters of the project; users' `scopes` may only name these. */
  clusters: uniqueList(clusterName).min(1, { error: "must name at least one cluster of the project" }),
  /** SRV host of the shared cluster, used in connection-string templates (never a credential). */
  clusterHost: z.string().regex(CLUSTER_HOST, {
    error: "must be the cluster's SRV host, e.g. shared.ab12c.mongodb.net",
  }),
  /**
   * The database each long-lived environment owns. A user of one environment may never reach another's database,
   * and previews may reach neither.
   */
  environmentDatabases: strictObject({
    /** The production database: only prod users reach it. */
    prod: databaseName,
    /** The staging database: only staging users reach it. */
    staging: databaseName,
  }).refine((d) => d.prod !== d.staging, {
    error: "prod and staging must own different databases",
  }),
});
export type AtlasConfig = z.infer<typeof atlasSchema>;

/** What every area's rules may read besides its own sections. */
export interface CoreConfig {
  environment: Environment;
  atlas: AtlasConfig;
}

/** Where each environment's database is, as the stacks of one Atlas project see it. */
type DatabasesView = Pick<CoreConfig, "atlas">;

/**
 * The rules relating this stack's core sections to its peers': every stack of one Atlas project names the same
 * environment databases, or a user that one stack confines to "the staging database" could be granted what another
 * stack calls production's.
 */
export const coreCrossStackRules = [
  crossStackRule<DatabasesView>({
    name: "the stacks of an Atlas project name the same environment databases",
    reads: ["atlas"],
    check(self, peers, add) {
      const own = self.config.atlas;
      for (const peer of peers.filter((p) => p.config.atlas.projectId === own.projectId)) {
        for (const env of ["prod", "staging"] as const) {
          const theirs = peer.config.atlas.environmentDatabases[env];
          if (theirs !== own.environmentDatabases[env]) {
            add(
              ["atlas", "environmentDatabases", env],
              own.environmentDatabases[env],
              `stack ${peer.stack} says the ${env} database is ${theirs}; every stack of Atlas project ${own.projectId} must name the same databases, or a user of one environment could be granted another's`,
            );
          }
        }
      }
    },
  }),
];
