import { coversEveryAddress } from "../../../domain/formats";
import { q, str } from "../../lib/values";
import type { ResourceRule } from "../../types";

export const NoAccessListOpenToInternet: ResourceRule = {
  kind: "resource",
  id: "ATLAS-005",
  title: "No Atlas access list entry is open to the whole internet.",
  severity: "critical",
  reason:
    "An access list entry of 0.0.0.0/0 (or ::/0, or ::ffff:0:0/96: every IPv4 address, mapped) lets a leaked credential be used from anywhere; the access list is the " +
    "second factor of an API credential or project.",
  remediation:
    "List the exact egress addresses (a /32, or the narrowest CIDR) of the cluster or runner that uses the credential.",
  types: [
    "mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry",
    "mongodbatlas:index/projectServiceAccountAccessListEntry:ProjectServiceAccountAccessListEntry",
    "mongodbatlas:index/accessListApiKey:AccessListApiKey",
    "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList",
  ],
  check(r) {
    const out: string[] = [];
    for (const field of ["cidrBlock", "ipAddress"]) {
      const v = str(r.inputs[field]);
      if (v !== undefined && coversEveryAddress(v)) out.push(`${field} ${q(v)} admits every address on the internet`);
    }
    return out;
  },
};
