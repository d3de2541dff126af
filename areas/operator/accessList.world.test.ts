/**
 * IPv6 blocks that stand for IPv4 addresses in `operator.credential.accessList`: a block covering an IPv4-embedding
 * range is as open as 0.0.0.0/0, and one inside such a range is refused in favour of the IPv4 block it stands for.
 */
import { problemsOf, problemsIn } from "../../test/support/config";
import { operatorOf, valid } from "./fixtures/config";

const problemsFor = (entry: string) => {
  const cfg = valid();
  operatorOf(cfg).credential.accessList = [entry];
  return problemsOf(cfg);
};

describe("operator credential access list: IPv6 blocks standing for IPv4 addresses", () => {
  it.each([
    ["::ffff:0:0/96", "::ffff:0:0/96", "IPv4-mapped addresses (RFC 4291, section 2.5.5.2)"],
    ["::/96", "::/96", "IPv4-compatible addresses (RFC 4291, section 2.5.5.1)"],
    ["::/64", "::ffff:0:0/96", "IPv4-mapped addresses (RFC 4291, section 2.5.5.2)"],
    ["::ffff:0:0:0/96", "::ffff:0:0:0/96", "IPv4-translated addresses (RFC 2765, section 2.1)"],
    ["64:ff9b::/96", "64:ff9b::/96", "the NAT64 well-known prefix (RFC 6052, section 2.1)"],
    ["64:ff9b::/64", "64:ff9b::/96", "the NAT64 well-known prefix (RFC 6052, section 2.1)"],
    ["2002::/16", "2002::/16", "6to4 addresses (RFC 3056)"],
  ])("rejects %s as open to the whole internet (it covers %s)", (entry, range, name) => {
    expect(problemsFor(entry)).toEqual([
      `atlas-access:operator.credential.accessList[0]: got "${entry}"; is open to the whole internet: it covers ${range}, ${name}, which stand for every IPv4 address; list the cluster's egress addresses instead`,
    ]);
  });

  it.each([
    ["::ffff:cb00:7110/125", "::ffff:0:0/96", "IPv4-mapped addresses (RFC 4291, section 2.5.5.2)"],
    ["64:ff9b::cb00:7110/124", "64:ff9b::/96", "the NAT64 well-known prefix (RFC 6052, section 2.1)"],
    ["64:ff9b:1::/64", "64:ff9b:1::/48", "the NAT64 local-use prefix (RFC 8215)"],
    ["2002:cb00:7110::/64", "2002::/16", "6to4 addresses (RFC 3056)"],
  ])("rejects %s, inside %s, in favour of the IPv4 block it stands for", (entry, range, name) => {
    expect(problemsFor(entry)).toEqual([
      `atlas-access:operator.credential.accessList[0]: got "${entry}"; lies in ${range}, ${name}, so it stands for IPv4 addresses; write the IPv4 block itself, e.g. 203.0.113.16/29`,
    ]);
  });

  it("rejects a block inside a range but wider than /64 for its width", () => {
    expect(problemsFor("2002:cb00::/24")).toEqual([
      'atlas-access:operator.credential.accessList[0]: got "2002:cb00::/24"; is wider than /64; list the cluster\'s egress addresses (IPv4 /24-/32, IPv6 /64-/128)',
    ]);
  });

  it("accepts an ordinary IPv6 /64 and /128 beside the IPv4 egress block", () => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = ["203.0.113.16/29", "2001:db8:1::/64", "2001:db8::7/128"];
    expect(problemsIn(cfg)).toEqual([]);
  });
});
