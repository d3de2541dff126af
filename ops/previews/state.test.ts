/** What the reconcile reads from `pulumi stack export`: users still recorded, the watch list, pending operations. */
import * as fs from "fs";
import * as path from "path";
import { type ExportedDeployment, deployedPreviews } from "./state";

const fixture = (): ExportedDeployment =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, "fixtures", "state-failed-retire.json"), "utf8"),
  ) as ExportedDeployment;

describe("deployedPreviews", () => {
  it("reads a retire update that failed half-way: pr-7's user is still recorded, so it may still exist", () => {
    expect(deployedPreviews(fixture())).toEqual({
      users: [7, 12],
      watched: [7, 12],
      pending: [],
      declared: { open: [12], closing: [7] },
    });
  });

  it("counts a user with a pending operation as deployed and reports the operation", () => {
    const state = fixture();
    state.deployment = {
      ...state.deployment,
      pending_operations: [
        {
          type: "creating",
          resource: {
            urn: "urn:pulumi:staging::atlas-access::atlas-access:kubernetes:PreviewUsers$kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser::pr-15-user",
            type: "kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser",
            inputs: { metadata: { name: "pr-15", namespace: "pr-15" } },
          },
        },
        { type: "updating", resource: { urn: "urn:…::aws:iam/role:Role::other", type: "aws:iam/role:Role" } },
      ],
    };
    expect(deployedPreviews(state)).toMatchObject({
      users: [7, 12, 15],
      pending: [
        "creating urn:pulumi:staging::atlas-access::atlas-access:kubernetes:PreviewUsers$kubernetes:atlas.mongodb.com/v1:AtlasDatabaseUser::pr-15-user",
      ],
    });
  });

  it("reads an empty stack, and refuses something that is not an export", () => {
    expect(deployedPreviews({ version: 3, deployment: { resources: [] } })).toEqual({
      users: [],
      watched: [],
      pending: [],
      declared: undefined,
    });
    expect(() => deployedPreviews({ version: 3 })).toThrow(
      "the stack export has no deployment.resources: is this the output of `pulumi stack export`?",
    );
  });
});
