/** Database auditing in config: declared by the prod stack only, capturing something, reaching someone. */
import { problemsOf } from "../../test/support/config";
import { type Raw, stack } from "./fixtures/config";

describe("database auditing", () => {
  const auditing = (cfg: Raw) =>
    cfg.databaseAuditing as {
      capture?: Record<string, boolean>;
      alerts: { emails: string[]; webhooks: { url: string }[] };
    };

  it("is refused in the staging stack: one setting of the shared project, declared by prod only", () => {
    const cfg = stack("staging");
    cfg.databaseAuditing = structuredClone(stack("prod").databaseAuditing);
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:databaseAuditing: got {"environment":"staging"}; is declared by the prod stack only: Atlas auditing and alerts are one setting of the shared Atlas project, so two stacks would overwrite each other; remove it from this stack',
    ]);
  });

  it("rejects a filter that captures nothing", () => {
    const cfg = stack("prod");
    auditing(cfg).capture = {
      authenticationSuccess: false,
      authenticationFailure: false,
      userAndRoleManagement: false,
    };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:databaseAuditing.capture: got {"authenticationSuccess":false,"authenticationFailure":false,"userAndRoleManagement":false}; captures nothing; keep at least one of authenticationSuccess, authenticationFailure, userAndRoleManagement',
    ]);
  });

  it("rejects alerts with no target", () => {
    const cfg = stack("prod");
    auditing(cfg).alerts = { emails: [], webhooks: [] };
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:databaseAuditing.alerts: got {"emails":[],"webhooks":[]}; must name at least one e-mail or webhook target: an alert nobody receives is not an alert',
    ]);
  });

  it("rejects a plain-http webhook", () => {
    const cfg = stack("prod");
    const w = auditing(cfg).alerts.webhooks[0];
    if (w) w.url = "http://hooks.example.com/atlas";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:databaseAuditing.alerts.webhooks[0].url: got "http://hooks.example.com/atlas"; must be an https:// URL such as https://alerts.example.com/hooks/aws (plain http is not accepted)',
    ]);
  });
});
