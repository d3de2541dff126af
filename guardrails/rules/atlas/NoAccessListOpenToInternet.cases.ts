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
    {
      name: "IPv6 blocks covering every IPv4 address (mapped, or a /64 around the mapped range)",
      resources: [
        mutate(entry, { cidrBlock: "::ffff:0:0/96" }, "mapped"),
        mutate(entry, { cidrBlock: "::/64" }, "low"),
      ],
      findings: [
        'mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry mapped: cidrBlock "::ffff:0:0/96" admits every address on the internet',
        'mongodbatlas:index/serviceAccountAccessListEntry:ServiceAccountAccessListEntry low: cidrBlock "::/64" admits every address on the internet',
      ],
    },
  ],
  compliant: [
    {
      name: "a /32 and a narrow CIDR",
      resources: [
        entry,
        mutate(entry, { cidrBlock: undefined, ipAddress: "198.51.100.7" }),
        mutate(entry, { cidrBlock: "2001:db8::/64" }, "v6"),
      ],
    },
  ],
};
