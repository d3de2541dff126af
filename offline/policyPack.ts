/**
 * Runs the policy pack's validators without the Pulumi CLI and without `new PolicyPack` (which starts a gRPC server
 * and keeps the process alive). Registrations from the offline harness become the args the policy engine would pass:
 * secrets as `@pulumi/policy` `Secret` values, URNs, parents, `notApplicable` that throws.
 */
import type * as PolicySdkModule from "@pulumi/policy";
import type {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import * as path from "path";
import type { Finding, Severity } from "../guardrails/types";
import type { Registration } from "./registrations";
import { mapSecrets } from "./registrations";

type PolicySdk = typeof PolicySdkModule;

class NotApplicable extends Error {}

export interface PackViolation {
  policy: string;
  enforcementLevel: string;
  severity: Severity | undefined;
  /** The URN the violation is about (the validated resource, or the one a stack policy named). */
  urn: string | undefined;
  message: string;
}

/**
 * `@pulumi/policy` exactly as the pack's own files resolve it: from `policy/node_modules` once `npm ci --prefix policy`
 * installed the pack, else the root copy. The pack recognises secrets with `instanceof Secret`, so the secrets this
 * harness hands it must be made by the same class the pack loads, as the engine's would be.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from the pack's folder at run time
const packPolicySdk = require(
  require.resolve("@pulumi/policy", { paths: [path.join(__dirname, "..", "policy")] }),
) as PolicySdk;
const { Secret } = packPolicySdk;

const urnOf = (r: Pick<Registration, "type" | "name" | "parentType">, stack: string): string =>
  `urn:pulumi:${stack}::atlas-access::${r.parentType ? `${r.parentType}$` : ""}${r.type}::${r.name}`;

/** Props as the engine hands them to a policy: harness secret envelopes become `Secret` instances. */
const policyProps = (inputs: Record<string, unknown>): Record<string, unknown> =>
  mapSecrets(inputs, (v) => new Secret(policyProps({ v }).v)) as Record<string, unknown>;

export async function runPolicies(
  policies: readonly (ResourceValidationPolicy | StackValidationPolicy)[],
  registrations: readonly Registration[],
  stack = "test",
): Promise<PackViolation[]> {
  const resources = new Map<string, PolicyResource>();
  const list: PolicyResource[] = registrations.map((r) => {
    const res: PolicyResource = {
      type: r.type,
      name: r.name,
      urn: urnOf(r, stack),
      props: policyProps(r.inputs),
      opts: {
        protect: r.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
      },
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => (cls as unknown as { __pulumiType: string }).__pulumiType === r.type,
      asType: () => undefined,
    };
    resources.set(r.name, res);
    return res;
  });
  registrations.forEach((r, i) => {
    const res = list[i] as PolicyResource;
    if (r.parent) {
      res.parent = resources.get(r.parent);
      res.opts.parent = res.parent?.urn;
    }
  });

  const common = {
    stackTags: new Map<string, string>(),
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
  const out: PackViolation[] = [];
  for (const p of policies) {
    const push = (message: string, urn?: string) =>
      out.push({
        policy: p.name,
        enforcementLevel: p.enforcementLevel ?? "advisory",
        severity: p.severity,
        urn,
        message,
      });
    if ("validateResource" in p && p.validateResource) {
      const validators = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
      for (const res of list) {
        const args: ResourceValidationArgs = {
          ...common,
          type: res.type,
          name: res.name,
          urn: res.urn,
          props: res.props,
          opts: res.opts,
          isType: res.isType,
          asType: () => undefined,
        };
        for (const v of validators) {
          try {
            await v(args, (message, urn) => push(message, urn ?? res.urn));
          } catch (e) {
            if (!(e instanceof NotApplicable)) throw e;
          }
        }
      }
    } else if ("validateStack" in p && p.validateStack) {
      const args: StackValidationArgs = { ...common, resources: list };
      try {
        await p.validateStack(args, (message, urn) => push(message, urn));
      } catch (e) {
        if (!(e instanceof NotApplicable)) throw e;
      }
    }
  }
  return out;
}

/** A violation in the shape `evaluate()` returns, so both surfaces can be compared as they are. */
export function asFinding(v: PackViolation): Finding {
  let resource = "stack";
  if (v.urn) {
    const parts = v.urn.split("::");
    resource = `${(parts[2] ?? "").split("$").pop()} ${parts[3]}`;
  }
  return {
    ruleId: v.policy.toUpperCase(),
    severity: v.severity as Severity,
    mandatory: v.enforcementLevel === "mandatory",
    resource,
    message: v.message,
  };
}
