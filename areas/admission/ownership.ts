/** Which stack may declare Kyverno and the admission policies: exactly one, as they are cluster-wide. */
import { crossStackRule } from "../../config/rules";
import type { PreviewsConfig } from "../operator/config";
import type { AdmissionConfig } from "./config";

export const admissionCrossStackRules = [
  crossStackRule<{ admission?: AdmissionConfig; previews?: PreviewsConfig }>({
    name: "one stack owns the admission policies",
    reads: ["admission", "previews"],
    check(self, peers, add) {
      // Without previews the section has no effect, which its own rule reports (config.ts), once.
      if (self.config.admission === undefined || self.config.previews === undefined) return;
      for (const peer of peers.filter((p) => p.config.admission !== undefined)) {
        add(
          ["admission"],
          { alsoDeclaredBy: peer.stack },
          `is also declared by stack ${peer.stack}; Kyverno and its policies are cluster-wide, so two stacks would fight over them: exactly one stack, the one that owns the previews, declares them`,
        );
      }
    },
  }),
];
