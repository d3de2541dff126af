/** The repository's GitHub workflows, parsed, for the workflow tests. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../offline/stackFiles";

export type Step = {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
export type Job = {
  name?: string;
  if?: string;
  needs?: string | string[];
  environment?: string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
};
export type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

export const WORKFLOWS_DIR = path.join(PROJECT_ROOT, ".github", "workflows");
export const workflowFiles = fs
  .readdirSync(WORKFLOWS_DIR)
  .filter((f) => f.endsWith(".yml"))
  .sort();
export const workflowText = (file: string) => fs.readFileSync(path.join(WORKFLOWS_DIR, file), "utf8");
export const loadWorkflow = (file: string) => parse(workflowText(file)) as Workflow;

/** Whether a step gets cloud or Atlas credentials, and which. */
export function credentialsOf(step: Step): string[] {
  const found: string[] = [];
  const text = JSON.stringify(step);
  for (const m of text.matchAll(/\b(vars|secrets)\.([A-Z0-9_]+)/g)) found.push(`${m[1]}.${m[2]}`);
  return found;
}
