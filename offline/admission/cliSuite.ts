/**
 * What the Kyverno CLI (`kyverno test`, v1.19.0) can express of a corpus case, and how. Read from kyverno/kyverno
 * v1.19.0 `cmd/cli/kubectl-kyverno`:
 * - one `userinfo` file per test (`commands/test/test.go`), so a policy's suite has one test folder per identity;
 * - namespace labels from the values file's `namespaces` (`variables/variables.go` `Namespace`), the namespace
 *   object a ValidatingPolicy sees; one set of labels per namespace and test;
 * - a result's `operation` (`processor/operation.go` `AdmissionRequestShape`): CREATE (object, no old object), DELETE
 *   (no object, the resource as old object), UPDATE (the resource as both object and old object);
 * - no subresource (`processor/policy_processor.go` passes "" with a TODO) and no dry run.
 * A case is in its policy's CLI suite when the request the CLI builds from it gets the verdict the case expects
 * offline; the others (subresource writes, updates judged against a different old object) are listed with the reason.
 */
import type { AdmissionPolicy } from "../../areas/admission/policies";
import { admit } from "../simulators/kyverno";
import type { AdmissionRequest } from "../simulators/kyverno";
import { CORPUS_PARAMS, DEFAULT_USER, nameOf, namespaceObjectOf, requestOf, subjectOf } from "./corpus";
import { GARBAGE_COLLECTOR, NAMESPACE_CONTROLLER } from "../../domain/kubernetes";

/** A suite folder's name: the identity's role for the known writers, else the username made safe for a path. */
export function identityFolder(username: string): string {
  const w = CORPUS_PARAMS.writers;
  if (w.deployerUsers.includes(username)) return "deployer";
  if (username === w.operator) return "operator";
  if (username === NAMESPACE_CONTROLLER) return "namespace-controller";
  if (username === GARBAGE_COLLECTOR) return "garbage-collector";
  return (username || "anonymous")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
import type { CorpusCase } from "./corpus";

/** The request the CLI builds from the case's resource, operation, userinfo and namespace. */
export function cliRequest(c: CorpusCase): AdmissionRequest {
  const resource = subjectOf(c);
  const real = requestOf(c);
  return {
    operation: c.operation,
    object: c.operation === "DELETE" ? null : resource,
    oldObject: c.operation === "CREATE" ? null : resource,
    subResource: "",
    userInfo: real.userInfo ?? DEFAULT_USER,
    namespaceObject: namespaceObjectOf(c),
    dryRun: false,
  };
}

/** Why the CLI cannot reproduce the case's verdict, or undefined when it can. */
export function cliGap(policy: AdmissionPolicy, c: CorpusCase): string | undefined {
  if ((c.subResource ?? "") !== "") return `a write of the ${c.subResource} subresource (the CLI sends none)`;
  const o = admit([policy.manifest], cliRequest(c)).outcomes[policy.name];
  const expected = c.expect.outcome === "deny" ? "fail" : "pass";
  if (o?.result === expected) return undefined;
  return c.operation === "UPDATE"
    ? "an UPDATE judged against a different old object (the CLI uses the resource as both)"
    : `the CLI's request gets ${o?.result ?? "nothing"}, not ${expected}`;
}

/** The suite folder of a case: its identity, numbered when namespaces' labels must differ. */
export function suiteFolders(cases: readonly CorpusCase[]): Map<string, CorpusCase[]> {
  const folders = new Map<string, CorpusCase[]>();
  const labelsIn = new Map<string, Map<string, string>>();
  for (const c of cases) {
    const user = requestOf(c).userInfo ?? DEFAULT_USER;
    const slug = identityFolder(user.username);
    const ns = (namespaceObjectOf(c).metadata as { name: string }).name;
    const labels = JSON.stringify(namespaceObjectOf(c));
    for (let bin = 1; ; bin++) {
      const folder = bin === 1 ? slug : `${slug}-${bin}`;
      const seen = labelsIn.get(folder) ?? new Map<string, string>();
      const groups = JSON.stringify(user.groups ?? []);
      if ((seen.get(ns) ?? labels) !== labels || (seen.get("\u0000groups") ?? groups) !== groups) continue;
      seen.set(ns, labels).set("\u0000groups", groups);
      labelsIn.set(folder, seen);
      folders.set(folder, [...(folders.get(folder) ?? []), c]);
      break;
    }
  }
  return folders;
}

/** The result line key of a case: kind, verdict and operation. */
export const resultOf = (c: CorpusCase) => ({
  kind: String(subjectOf(c).kind),
  result: c.expect.outcome === "deny" ? ("fail" as const) : ("pass" as const),
  operation: c.operation,
  name: nameOf(c),
});
