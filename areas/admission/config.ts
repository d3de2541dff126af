/**
 * `atlas-access:admission`: who may write Atlas resources (the deployers), the engine that enforces the policies
 * (Kyverno or Kubernetes' own ValidatingAdmissionPolicy) and Kyverno's release. Only used in the stack that owns the
 * operator and the previews, where it is required.
 */
import { z } from "zod";
import { rule } from "../../config/rules";
import { list, strictObject, uniqueList } from "../../config/schema";
import {
  BROAD_GROUPS,
  DEFAULT_KYVERNO_NAMESPACE,
  GARBAGE_COLLECTOR,
  NAMESPACE_CONTROLLER,
  NAMESPACE_NAME,
  SERVICE_ACCOUNT_REF,
  isPreviewNamespace,
} from "../../domain/kubernetes";

/** Chart 3.9.x = Kyverno 1.19.x, against which the policies and the ValidatingPolicy CRD schema were checked. */
export const KYVERNO_CHART_VERSION = /^3\.9\.[0-9]+$/;
export const DEFAULT_KYVERNO_CHART_VERSION = "3.9.0";
export { DEFAULT_KYVERNO_NAMESPACE };
/** The engines that can enforce the policies. */
export const ADMISSION_ENGINES = ["kyverno", "native"] as const;
export type AdmissionEngine = (typeof ADMISSION_ENGINES)[number];

/**
 * A Kubernetes username or group as the API server reports it (e.g. a GKE Google service account's e-mail, an OIDC
 * subject): printable, no spaces or quotes, because it ends up inside a CEL string literal.
 */
export const IDENTITY = /^[A-Za-z0-9@._:+#/=-]{1,253}$/;
const IDENTITY_FIX = "must be a Kubernetes username or group: letters, digits and @ . _ : + # / = -, 1-253 characters";

const username = z
  .string()
  .regex(IDENTITY, { abort: true, error: IDENTITY_FIX })
  .refine((u) => !u.startsWith("system:serviceaccount:"), {
    error: "is a service account: list it under serviceAccounts as <namespace>/<name>",
  })
  .refine((u) => u !== NAMESPACE_CONTROLLER && u !== GARBAGE_COLLECTOR && u !== "system:anonymous", {
    error: "is not a deployer: Kubernetes' namespace controller and garbage collector may only delete, anonymous never",
  });

const group = z
  .string()
  .regex(IDENTITY, { abort: true, error: IDENTITY_FIX })
  .refine((g) => !BROAD_GROUPS.includes(g) && !g.startsWith("system:serviceaccounts:"), {
    error: `is a group every user, node or service account (of a namespace) belongs to; never one of ${list(BROAD_GROUPS)} or system:serviceaccounts:<namespace>`,
  });

export const deployersSchema = strictObject({
  /** Usernames, e.g. the Google service account CI deploys with (`<name>@<project>.iam.gserviceaccount.com`). */
  users: uniqueList(username).default([]),
  /** Groups (never one every user or service account belongs to). */
  groups: uniqueList(group).default([]),
  /** Kubernetes service accounts, `<namespace>/<name>`. */
  serviceAccounts: uniqueList(
    z.string().regex(SERVICE_ACCOUNT_REF, { error: "must be <namespace>/<name>, e.g. ci/preview-deployer" }),
  ).default([]),
}).refine((d) => d.users.length + d.groups.length + d.serviceAccounts.length > 0, {
  error: "must name at least one user, group or service account: without deployers nobody may write Atlas resources",
});
export type DeployersConfig = z.infer<typeof deployersSchema>;

export const admissionSchema = strictObject({
  /**
   * The Kubernetes identities that deploy the previews (the credentials `pulumi up` runs with). In preview
   * namespaces and the operator's namespace only they create, update and delete Atlas resources.
   */
  deployers: deployersSchema,
  /**
   * `kyverno`: Kyverno ValidatingPolicies (Kyverno installed by this stack). `native`: the same CEL rules as
   * Kubernetes ValidatingAdmissionPolicies and bindings (Kubernetes >= 1.30, no extra controller). @default "kyverno"
   */
  engine: z.enum(ADMISSION_ENGINES, { error: `must be one of ${list(ADMISSION_ENGINES)}` }).default("kyverno"),
  /**
   * Pinned `kyverno` Helm chart version (https://kyverno.github.io/kyverno/). 3.9.x ships Kyverno 1.19.x, the release
   * the policies and their CRD schema were checked against. @default "3.9.0"
   */
  kyvernoChartVersion: z
    .string()
    .regex(KYVERNO_CHART_VERSION, {
      error: "must be an exact kyverno chart version 3.9.<patch> (Kyverno 1.19.x), e.g. 3.9.0; ranges are not allowed",
    })
    .default(DEFAULT_KYVERNO_CHART_VERSION),
  /** Namespace Kyverno is installed in (Kyverno excludes its own namespace from its webhooks). @default "kyverno" */
  kyvernoNamespace: z
    .string()
    .regex(NAMESPACE_NAME, { error: "must be a Kubernetes namespace name, e.g. kyverno" })
    .refine((ns) => !isPreviewNamespace(ns), {
      error: "must not be a preview namespace pr-<N>: Kyverno exempts its own namespace",
    })
    .default(DEFAULT_KYVERNO_NAMESPACE),
});
export type AdmissionConfig = z.infer<typeof admissionSchema>;

/** The sections of this area, keyed as in `Pulumi.<stack>.yaml`. */
export const admissionSections = {
  /** Kyverno and the admission policies confining Atlas resources in preview namespaces. */
  admission: admissionSchema.optional(),
};

/** What the admission rules read. */
export interface AdmissionRuleInput {
  admission?: AdmissionConfig;
  previews?: unknown;
}

export const admissionRules = [
  rule<AdmissionRuleInput>({
    name: "admission exactly where the previews are",
    reads: ["admission", "previews"],
    check({ admission, previews }, add) {
      // Previews without the operator are refused by their own rule (areas/operator/config.ts), once.
      if (admission !== undefined && previews === undefined) {
        add(
          ["admission"],
          admission,
          "has no effect: the admission policies are declared only in the stack that owns the previews (atlas-access:previews); remove it here",
        );
      }
      if (admission === undefined && previews !== undefined) {
        add(
          ["admission"],
          undefined,
          "must be set with atlas-access:previews: set admission.deployers to the identities that deploy the previews (only they may write Atlas resources in preview namespaces)",
        );
      }
    },
  }),
];
