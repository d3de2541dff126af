/**
 * `verify-live` run against what the repository's real stacks declare (computed once per test worker: it runs the
 * program for every stack), with the checks every such test file makes: each answer of the local Admin API matched
 * the specification, and nothing secret was printed or written.
 */
import * as path from "path";
import { declareStacks } from "../cli";
import type { StackDeclaration } from "../declared";
import { DEPLOY_CLIENT_ID } from "../fixtures/project";
import { VerifyLiveRunner } from "./runner";

let declarations: Promise<StackDeclaration[]> | undefined;

export const repositoryDeclarations = (): Promise<StackDeclaration[]> =>
  (declarations ??= declareStacks(path.resolve(__dirname, "..", "..", "..")));

/** A runner over the repository's declarations, the deploy credential known; registers the file's checks. */
export function repositoryRunner(): VerifyLiveRunner {
  const secret = "mdb_sa_sk_verify-live-test-secret-7f3a";
  const live = new VerifyLiveRunner({
    credentials: { clientId: "mdb_sa_id_aaaaaaaaaaaaaaaaaaaaaaaa", clientSecret: secret },
    declare: repositoryDeclarations,
    args: ["--known-credentials", DEPLOY_CLIENT_ID],
  });
  afterEach(() => expect(live.server?.violations ?? []).toEqual([]));
  afterAll(async () => {
    await live.close();
    expect(live.printed.filter((t) => t.includes(secret))).toEqual([]);
  });
  return live;
}
