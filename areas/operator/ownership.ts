/**
 * Which stack may declare the Atlas operator and the previews: the one stack of the Atlas project that owns the
 * Kubernetes cluster the previews run in, and never the production stack (the operator's credential creates database
 * users, and a preview must never run beside production).
 */
import type { CoreConfig } from "../../config/core";
import { crossStackRule, rule } from "../../config/rules";
import type { OperatorConfig, PreviewsConfig } from "./config";

/** What these rules read. */
export type OwnershipInput = CoreConfig & { operator?: OperatorConfig; previews?: PreviewsConfig };

export const operatorOwnershipRules = [
  rule<OwnershipInput>({
    name: "the operator and the previews are never production's",
    reads: ["environment", "operator", "previews"],
    check({ environment, operator, previews }, add) {
      if (environment !== "prod") return;
      for (const [key, value] of [
        ["operator", operator],
        ["previews", previews],
      ] as const) {
        if (value === undefined) continue;
        add(
          [key],
          { environment },
          "is declared only by the stack that owns the previews' Kubernetes cluster, never by prod: the operator's credential creates database users and previews run untrusted branches, neither beside production; remove it from this stack",
        );
      }
    },
  }),
];

export const operatorCrossStackRules = [
  crossStackRule<OwnershipInput>({
    name: "one stack owns the operator and the previews",
    reads: ["environment", "atlas", "operator", "previews"],
    check(self, peers, add) {
      // Production may declare neither, which the rule above reports, once.
      if (self.config.environment === "prod") return;
      const project = peers.filter((p) => p.config.atlas.projectId === self.config.atlas.projectId);
      for (const key of ["operator", "previews"] as const) {
        if (self.config[key] === undefined) continue;
        for (const peer of project.filter((p) => p.config[key] !== undefined)) {
          add(
            [key],
            { alsoDeclaredBy: peer.stack },
            `is also declared by stack ${peer.stack}; the Atlas operator, its credential and the previews are one per Atlas project (${self.config.atlas.projectId}): exactly one stack, the one that owns the Kubernetes cluster, declares them`,
          );
        }
      }
    },
  }),
];
