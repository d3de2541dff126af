import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OUT_OF_SCOPE, loadCorpus } from "./corpus";

/** A policies folder with the given case files (`<folder>/corpus/<set>/<name>.yaml` → content). */
function withFolder(files: Record<string, string>, run: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admission-corpus-"));
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const object = "object: { apiVersion: v1, kind: ConfigMap, metadata: { name: x, namespace: pr-1 } }\n";
const deny = (policy: string) => `description: d\nexpect: { outcome: deny, policy: ${policy}, rule: r }\n${object}`;
const outOfScope = `description: d\nexpect: { outcome: out-of-scope }\n${object}`;

describe("corpus loader: every case lives next to the policy it exercises", () => {
  test("cases are read from every policy folder, malicious first, each set sorted by file name", () => {
    withFolder(
      {
        "p-b/corpus/malicious/a.yaml": deny("p-b"),
        "p-a/corpus/malicious/b.yaml": deny("p-a"),
        [`${OUT_OF_SCOPE}/corpus/benign/c.yaml`]: outOfScope,
        "p-a/policy.ts": "",
      },
      (dir) => {
        expect(loadCorpus(dir).map((c) => [c.id, c.folder])).toEqual([
          ["malicious/a", "p-b"],
          ["malicious/b", "p-a"],
          ["benign/c", OUT_OF_SCOPE],
        ]);
      },
    );
  });

  test.each([
    [
      "a case in another policy's folder",
      { "p-a/corpus/malicious/a.yaml": deny("p-b") },
      "corpus p-a/corpus/malicious/a.yaml: expects policy p-b but lives in p-a/; move it to that policy's folder",
    ],
    [
      "a denial among the out-of-scope cases",
      { [`${OUT_OF_SCOPE}/corpus/malicious/a.yaml`]: deny("p-a") },
      `corpus ${OUT_OF_SCOPE}/corpus/malicious/a.yaml: a case in ${OUT_OF_SCOPE}/ must expect out-of-scope; move it to the folder of the policy it expects`,
    ],
    [
      "an out-of-scope case in a policy folder",
      { "p-a/corpus/benign/a.yaml": outOfScope },
      "corpus p-a/corpus/benign/a.yaml: expects policy (none) but lives in p-a/; move it to that policy's folder",
    ],
    [
      "the same case name in two folders",
      { "p-a/corpus/malicious/a.yaml": deny("p-a"), "p-b/corpus/malicious/a.yaml": deny("p-b") },
      "corpus p-a/corpus/malicious/a.yaml: the same file name is also in p-b/corpus/malicious/; case names must be unique",
    ],
  ])("%s is refused", (_what, files, message) => {
    withFolder(files, (dir) => expect(() => loadCorpus(dir)).toThrow(new Error(message)));
  });
});
