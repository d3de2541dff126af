/** The component's own argument check (`args.ts`), which guards `ConnectionRole` when it is built directly. */
import { checkConnectionRoleArgs } from "./args";
import { GOOD_ARGS } from "./fixtures/connectionRole";

describe("ConnectionRole used directly: its own argument check", () => {
  it("accepts valid arguments", () => {
    expect(checkConnectionRoleArgs(GOOD_ARGS).problems).toEqual([]);
  });

  it("names each bad argument, its value and the rule", () => {
    expect(
      checkConnectionRoleArgs({
        ...GOOD_ARGS,
        allowedPrincipals: [
          "arn:aws:iam::111122223333:root",
          "arn:aws:iam::111122223333:role/a",
          "arn:aws:iam::111122223333:role/A",
        ],
        roles: [{ role: "readWriteAnyDatabase", database: "admin" }],
        scopes: [],
      }).problems,
    ).toEqual([
      'args.allowedPrincipals[0]: got "arn:aws:iam::111122223333:root"; an account (bare id or :root) hands the decision to every identity policy in that account, so any admin could assume the role; name the exact workload role ARN, e.g. arn:aws:iam::111122223333:role/service-role/app-lambda',
      'args.allowedPrincipals[2]: got "arn:aws:iam::111122223333:role/A"; is listed twice; each principal must appear once',
      'args.roles[0].role: got "readWriteAnyDatabase"; must be one of: read, readWrite',
      'args.roles[0].database: got "admin"; must not be a system database (admin, local, config)',
      "args.scopes: got []; must name at least one cluster: no scopes means every cluster of the project",
    ]);
  });
});
