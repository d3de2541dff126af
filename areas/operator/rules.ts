/**
 * The rules of the operator area over valid sections: the operator's namespace against every other namespace the
 * stack uses, the preview settings against the operator and the Atlas project, and the preview list of a run.
 */
import { rule } from "../../config/rules";
import { list } from "../../config/schema";
import { CREDENTIAL_EXPIRY_WARNING_DAYS, SYSTEM_DATABASES } from "../../domain/atlas";
import { workloadNamespace } from "../../domain/gcp";
import { DEFAULT_KYVERNO_NAMESPACE } from "../../domain/kubernetes";
import type { AdmissionConfig } from "../admission/config";
import type { AppUserConfig, StreamsConfig } from "../atlas/config";
import { PREVIEW_LIST_KEY, type OperatorRuleInput } from "./config";

/** What the operator-namespace rule reads besides the operator: where Kyverno and the stack's workloads run. */
export type OperatorNamespaceInput = OperatorRuleInput & {
  admission?: AdmissionConfig;
  appUsers?: AppUserConfig[];
  streams?: StreamsConfig;
};

/** Every workload identity of the stack that names a Kubernetes namespace, with where it is configured. */
function workloadNamespaces({ appUsers, streams }: OperatorNamespaceInput): [string, string][] {
  const members: [string, string][] = [
    ...(appUsers ?? []).map((u, i): [string, string] => [u.secretAccessor, `appUsers[${i}].secretAccessor`]),
    ...(streams?.users ?? []).map((u, i): [string, string] => [u.secretAccessor, `streams.users[${i}].secretAccessor`]),
  ];
  return members.flatMap(([member, where]) => {
    const ns = workloadNamespace(member);
    return ns === undefined ? [] : [[ns, where] as [string, string]];
  });
}

/**
 * The operator's namespace holds its global credential and is reconciled with it: it must be a namespace of its
 * own, never `default`, a `kube-*` system namespace, Kyverno's namespace (exempt from Kyverno's webhooks) or a
 * namespace an application workload of this stack runs in (GCP workload-identity principals naming a namespace; the
 * EKS Pod Identity config names clusters only, so there is no namespace to compare).
 */
export const operatorNamespaceRule = rule<OperatorNamespaceInput>({
  name: "the operator's namespace is its own",
  reads: ["operator", "admission", "appUsers", "streams"],
  check(config, add) {
    const ns = config.operator?.namespace;
    if (ns === undefined) return;
    const at = ["operator", "namespace"];
    if (ns === "default") {
      add(at, ns, "must not be default: every unqualified kubectl command writes there; use e.g. mongodb-atlas-system");
    } else if (ns.startsWith("kube-")) {
      add(at, ns, "must not be a kube-* system namespace (Kubernetes' own, and skipped by Kyverno's resource filters)");
    }
    const kyverno = config.admission?.kyvernoNamespace ?? DEFAULT_KYVERNO_NAMESPACE;
    if (ns === kyverno) {
      add(at, ns, "must not be Kyverno's namespace: Kyverno exempts its own namespace from its webhooks");
    }
    for (const [workload, where] of workloadNamespaces(config)) {
      if (workload === ns) {
        add(
          at,
          ns,
          `is where the workload identity of ${where} runs: the operator's namespace (and its global credential) must not be shared with an application`,
        );
      }
    }
  },
});

export const operatorRules = [
  rule<OperatorRuleInput>({
    name: "previews need the operator",
    reads: ["operator", "previews"],
    check({ operator, previews }, add) {
      if (previews && !operator) {
        add(
          ["operator"],
          undefined,
          "is required when atlas-access:previews is set (previews need the Atlas operator in the same stack); set it, or move previews to the stack that owns the cluster",
        );
      }
    },
  }),
  rule<OperatorRuleInput>({
    name: "the credential outlives its rotation period",
    reads: ["operator"],
    check({ operator }, add) {
      if (!operator) return;
      const { secretExpiresAfterHours: hours, rotation } = operator.credential;
      const latest = Math.floor(hours / 24) - CREDENTIAL_EXPIRY_WARNING_DAYS;
      if ((rotation.rotateEveryDays + CREDENTIAL_EXPIRY_WARNING_DAYS) * 24 > hours) {
        add(
          ["operator", "credential", "rotation", "rotateEveryDays"],
          rotation.rotateEveryDays,
          `leaves less than ${CREDENTIAL_EXPIRY_WARNING_DAYS} days of the secret's ${hours}-hour lifetime after the rotation date, so a late rotation would not be reported before the operator loses access; use at most ${latest} days or raise secretExpiresAfterHours`,
        );
      }
    },
  }),
  rule<OperatorRuleInput>({
    name: "the preview list comes from the reconcile step",
    reads: ["previews", "previewList"],
    check({ previews, previewList }, add) {
      if (previews && !previewList) {
        add(
          [PREVIEW_LIST_KEY],
          undefined,
          "is required when atlas-access:previews is set; `npm run previews -- reconcile` sets it for each update from the open pull requests and the stack's state (never committed): run that, not a bare pulumi up, which would drop every preview at once",
        );
      }
      if (previewList && !previews) {
        add([PREVIEW_LIST_KEY], previewList, "has no effect without atlas-access:previews; remove it");
      }
    },
  }),
  rule<OperatorRuleInput>({
    name: "preview lists",
    reads: ["previews", "previewList"],
    check({ previews, previewList }, add) {
      if (!previews || !previewList) return;
      const { open, closing } = previewList;
      if (open.length + closing.length > previews.maxPreviews) {
        add(
          [PREVIEW_LIST_KEY],
          previewList,
          `has ${open.length} open and ${closing.length} closing previews, more than maxPreviews (${previews.maxPreviews}); a closing preview's user exists until this update deletes it`,
        );
      }
      const openSet = new Set(open);
      closing.forEach((pr, i) => {
        if (openSet.has(pr)) {
          add(
            [PREVIEW_LIST_KEY, "closing", i],
            pr,
            `is also in ${PREVIEW_LIST_KEY}.open; a pull request is either open or closing, never both`,
          );
        }
      });
    },
  }),
  rule<OperatorRuleInput>({
    name: "previews reach neither the environments' databases nor other clusters",
    reads: ["atlas", "previews"],
    check({ atlas, previews }, add) {
      if (!previews) return;
      const protectedDbs: [string, string][] = [
        [atlas.environmentDatabases.prod, "the production database"],
        [atlas.environmentDatabases.staging, "the staging database"],
        ...SYSTEM_DATABASES.map((d): [string, string] => [d, "a system database"]),
      ];
      for (const [db, what] of protectedDbs) {
        if (db.startsWith(previews.databasePrefix)) {
          add(
            ["previews", "databasePrefix"],
            previews.databasePrefix,
            `collides with ${what} ${db}: every name starting with the prefix counts as a preview database, so a preview user could be granted ${db}; choose a prefix that begins none of ${list(protectedDbs.map(([d]) => d))}`,
          );
        }
      }
      previews.clusters.forEach((c, i) => {
        if (!atlas.clusters.includes(c)) {
          add(
            ["previews", "clusters", i],
            c,
            `is not a cluster of the project; use one of atlas.clusters: ${list(atlas.clusters)}`,
          );
        }
      });
    },
  }),
  operatorNamespaceRule,
];
