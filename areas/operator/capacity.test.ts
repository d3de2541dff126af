/**
 * The project's database users against Atlas's limit: what every stack declares (staging 5: two AWS connection users,
 * one application user, two stream users; prod 2) plus the preview allowance, counted across the stack files.
 */
import { engineValues } from "../../config/stackFiles";
import { parseStackConfig } from "../../program/config";
import { readStackConfig } from "../../offline/stackFiles";
import { declaredDatabaseUsers } from "./capacity";
import { previewsOf, valid } from "./fixtures/config";

const prod = { stack: "prod", raw: engineValues(readStackConfig("prod").project) };
const problems = (cfg: Record<string, unknown>, peers = [prod]) => {
  try {
    parseStackConfig(engineValues(cfg), { stack: "staging", peers });
    return [];
  } catch (err) {
    return (err as { problems: string[] }).problems;
  }
};

describe("database users per project", () => {
  it("counts the users each stack declares", () => {
    expect([valid(), readStackConfig("prod").project].map(declaredDatabaseUsers)).toEqual([5, 2]);
  });

  it("accepts maxPreviews up to the room left: 100 - 5 (staging) - 2 (prod) = 93", () => {
    const cfg = valid();
    previewsOf(cfg).maxPreviews = 93;
    expect(problems(cfg)).toEqual([]);
  });

  it("refuses one more, naming every stack's count and the most it may be", () => {
    const cfg = valid();
    previewsOf(cfg).maxPreviews = 94;
    expect(problems(cfg)).toEqual([
      "atlas-access:previews.maxPreviews: got 94; with the database users the stacks declare (staging 5, prod 2) makes 101, more than the project's 100 (projectDatabaseUserLimit); set maxPreviews to at most 93",
    ]);
  });

  it("counts another stack's preview allowance too", () => {
    const cfg = valid();
    previewsOf(cfg).maxPreviews = 50;
    const other = {
      stack: "qa",
      raw: engineValues({ ...valid(), previews: { ...previewsOf(valid()), maxPreviews: 44 } }),
    };
    // qa, a copy of staging, also shares its workloads, log group and previews; only the count matters here.
    expect(problems(cfg, [prod, other]).filter((p) => p.startsWith("atlas-access:previews.maxPreviews"))).toEqual([
      "atlas-access:previews.maxPreviews: got 50; with the database users the stacks declare (staging 5, prod 2, qa 5) and 44 previews of other stacks makes 106, more than the project's 100 (projectDatabaseUserLimit); set maxPreviews to at most 44",
    ]);
  });

  it("judges the stack alone when it has no peers, and follows a limit MongoDB support raised", () => {
    const cfg = valid();
    previewsOf(cfg).maxPreviews = 96;
    // Alone, staging is also refused for naming prod as its trail's owner; the count is its own users only.
    const alone = problems(cfg, []);
    expect(alone.filter((p) => p.startsWith("atlas-access:previews.maxPreviews"))).toEqual([
      "atlas-access:previews.maxPreviews: got 96; with the database users the stacks declare (staging 5) makes 101, more than the project's 100 (projectDatabaseUserLimit); set maxPreviews to at most 95",
    ]);
    previewsOf(cfg).projectDatabaseUserLimit = 200;
    expect(problems(cfg, []).filter((p) => p.startsWith("atlas-access:previews.maxPreviews"))).toEqual([]);
  });
});
