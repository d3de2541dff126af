/**
 * Atlas counts database users per project, and every stack of this repository shares one project: the users each
 * stack declares plus every stack's preview allowance must fit in the project's limit, or a preview (or a deploy of
 * another stack) fails half-way in Atlas. Counted from config: AWS connection users, application users and stream
 * users are one Atlas database user each; the operator's credential is a service account, not a database user.
 * Database users created outside this repository are not seen: keep headroom for them in `maxPreviews`.
 */
import { crossStackRule } from "../../config/rules";
import type { PreviewsConfig } from "./config";

/** The sections that declare Atlas database users, as far as counting needs them. */
export interface DatabaseUsersInput {
  aws?: { connections: readonly unknown[] };
  appUsers?: readonly unknown[];
  streams?: { users: readonly unknown[] };
  previews?: PreviewsConfig;
}

/** The Atlas database users a stack declares, previews aside. */
export const declaredDatabaseUsers = (c: DatabaseUsersInput): number =>
  (c.aws?.connections.length ?? 0) + (c.appUsers?.length ?? 0) + (c.streams?.users.length ?? 0);

export const capacityRules = [
  crossStackRule<DatabaseUsersInput>({
    name: "the project's database users fit Atlas's limit",
    reads: ["aws", "appUsers", "streams", "previews"],
    check(self, peers, add) {
      const previews = self.config.previews;
      if (!previews) return;
      const stacks = [self, ...peers];
      const users = stacks.map((s) => `${s.stack} ${declaredDatabaseUsers(s.config)}`);
      const others = stacks.reduce((n, s) => n + declaredDatabaseUsers(s.config), 0);
      const otherPreviews = peers.reduce((n, s) => n + (s.config.previews?.maxPreviews ?? 0), 0);
      const total = others + otherPreviews + previews.maxPreviews;
      if (total > previews.projectDatabaseUserLimit) {
        const room = previews.projectDatabaseUserLimit - others - otherPreviews;
        add(
          ["previews", "maxPreviews"],
          previews.maxPreviews,
          `with the database users the stacks declare (${users.join(", ")})${otherPreviews > 0 ? ` and ${otherPreviews} previews of other stacks` : ""} makes ${total}, more than the project's ${previews.projectDatabaseUserLimit} (projectDatabaseUserLimit); set maxPreviews to at most ${Math.max(room, 0)}`,
        );
      }
    },
  }),
];
