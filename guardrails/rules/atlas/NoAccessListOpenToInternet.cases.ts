import { mutate, view, type RuleCases } from "../../cases";

const entry = view(
  "mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry",
  { orgId: "o", clientId: "c", cidrBlock: "203.0.113.10/32" },
  "e",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "0.0.0.0/0, ::/0 and 0.0.0.0",
      resources: [
        mutate(entry, { cidrBlock: "0.0.0.0/0" }, "v4"),
        mutate(entry, { cidrBlock: "::/0" }, "v6"),
        view(
          "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList",
          { projectId: "p", ipAddress: "0.0.0.0" },
          "ip",
        ),
      ],
      findings: [
        'mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry v4: cidrBlock "0.0.0.0/0" admits every address on the internet',
        'mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry v6: cidrBlock "::/0" admits every address on the internet',
        'mongodbatlas:index/projectIpAccessList:ProjectIpAccessList ip: ipAddress "0.0.0.0" admits every address on the internet',
      ],
    },
  ],
  compliant: [
    {
      name: "a /32 and a narrow CIDR",
      resources: [entry, mutate(entry, { cidrBlock: undefined, ipAddress: "198.51.100.7" })],
    },
  ],
};
