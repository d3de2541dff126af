/** Where the operator's credential may be used from: `operator.credential.accessList` (`accessList.ts`), CIDR parsing. */
import { parseCidr } from "../../domain/formats";
import { problemsOf } from "../../test/support/config";
import { operatorOf, valid } from "./fixtures/config";

describe("operator credential access list: bad input", () => {
  it("rejects an empty access list", () => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:operator.credential.accessList: got []; must list at least one CIDR block (the cluster's egress addresses); without one Atlas accepts the credential from anywhere",
    ]);
  });

  it.each(["0.0.0.0/0", "::/0"])("rejects %s (open to the world)", (cidr) => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = [cidr];
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:operator.credential.accessList[0]: got "${cidr}"; is open to the whole internet; list the cluster's egress addresses instead`,
    ]);
  });

  it.each([
    ["10.0.0.0/8", 24],
    ["203.0.112.0/23", 24],
    ["2001:db8::/48", 64],
  ])("rejects %s, wider than /%i", (cidr, min) => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = ["203.0.113.7/32", cidr];
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:operator.credential.accessList[1]: got "${cidr}"; is wider than /${min}; list the cluster's egress addresses (IPv4 /24-/32, IPv6 /64-/128)`,
    ]);
  });

  it("rejects a block with host bits set, and a value that is not a CIDR block", () => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = ["203.0.113.17/29", "203.0.113.7", "300.1.1.1/32"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:operator.credential.accessList[0]: got "203.0.113.17/29"; has host bits set below its prefix length; write the network address of the block',
      'atlas-access:operator.credential.accessList[1]: got "203.0.113.7"; must be a CIDR block such as 203.0.113.10/32 or 2001:db8::/64',
      'atlas-access:operator.credential.accessList[2]: got "300.1.1.1/32"; must be a CIDR block such as 203.0.113.10/32 or 2001:db8::/64',
    ]);
  });

  it("rejects a duplicate access-list entry", () => {
    const cfg = valid();
    operatorOf(cfg).credential.accessList = ["203.0.113.16/29", "203.0.113.16/29"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:operator.credential.accessList[1]: got "203.0.113.16/29"; duplicate of item [0]; each entry must appear once',
    ]);
  });
});

describe("parseCidr", () => {
  it("parses IPv4 and IPv6 blocks and detects host bits", () => {
    expect(parseCidr("203.0.113.16/29")).toEqual({ version: 4, prefix: 29, hostBitsSet: false });
    expect(parseCidr("203.0.113.17/29")).toEqual({ version: 4, prefix: 29, hostBitsSet: true });
    expect(parseCidr("2001:db8::/64")).toEqual({ version: 6, prefix: 64, hostBitsSet: false });
    expect(parseCidr("2001:db8::1/64")).toEqual({ version: 6, prefix: 64, hostBitsSet: true });
    expect(parseCidr("::/0")).toEqual({ version: 6, prefix: 0, hostBitsSet: false });
    expect(parseCidr("2001:db8:::/64")).toBeUndefined();
    expect(parseCidr("1.2.3.4/33")).toBeUndefined();
  });
});
