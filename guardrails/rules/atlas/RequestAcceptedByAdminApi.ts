import { mapFields, REQUEST_BODIES } from "../../lib/atlasSpec/requestBodies";
import { violations } from "../../lib/atlasSpec/validate";
import type { ResourceRule } from "../../types";

export const RequestAcceptedByAdminApi: ResourceRule = {
  kind: "resource",
  id: "ATLAS-007",
  title: "Every value sent to Atlas is one the Admin API specification accepts.",
  severity: "critical",
  reason:
    "The Atlas provider passes enum values and names through unchecked, so a value outside the Admin API's " +
    "specification (an action name, a scope type, an access-list address) fails `pulumi up` half-way, after other " +
    "resources changed. The vendored specification (vendor/atlas-admin-api/) decides it before anything is sent.",
  remediation:
    "Use a value the named schema accepts; when Atlas has changed its API, re-extract the subset " +
    "(npm run atlas-spec:subset) and map a new resource type in guardrails/lib/atlasSpec/requestBodies.ts.",
  types: [/^mongodbatlas:/],
  check(r) {
    const request = REQUEST_BODIES[r.type];
    if (!request)
      return [
        `has no request schema in guardrails/lib/atlasSpec/requestBodies.ts, so nothing checks what Atlas receives; map it`,
      ];
    return violations(request.schema, mapFields(r.inputs, request.fields)).map((v) => `${v} (${request.operation})`);
  },
};
