/** Which addresses the operator's credential may be used from: the cluster's egress, never the world. */
import { ipv4Embedding, parseCidr } from "../../domain/formats";

/**
 * Widest access-list entries accepted for the operator credential. The operator calls the Atlas API from the
 * cluster's egress (a Cloud NAT or NAT gateway): a handful of static addresses, so an IPv4 /24 (256 addresses) is
 * already generous; an IPv6 /64 is one subnet, the smallest block a provider hands out.
 */
export const ACCESS_LIST_MIN_PREFIX = { v4: 24, v6: 64 } as const;

/** Why an access-list entry is refused, or undefined when it is acceptable. */
export function accessListProblem(entry: string): string | undefined {
  const cidr = parseCidr(entry);
  if (!cidr) return "must be a CIDR block such as 203.0.113.10/32 or 2001:db8::/64";
  const min = cidr.version === 4 ? ACCESS_LIST_MIN_PREFIX.v4 : ACCESS_LIST_MIN_PREFIX.v6;
  if (cidr.prefix === 0) return "is open to the whole internet; list the cluster's egress addresses instead";
  // An IPv6 block can stand for IPv4 addresses (::ffff:0:0/96 is every IPv4 address, mapped): judge what it embeds.
  const embedded = cidr.version === 6 ? ipv4Embedding(entry) : undefined;
  if (embedded?.ipv4Prefix === 0) {
    return `is open to the whole internet: it covers ${embedded.range.cidr}, ${embedded.range.name}, which stand for every IPv4 address; list the cluster's egress addresses instead`;
  }
  if (cidr.prefix < min) {
    return `is wider than /${min}; list the cluster's egress addresses (IPv4 /${ACCESS_LIST_MIN_PREFIX.v4}-/32, IPv6 /${ACCESS_LIST_MIN_PREFIX.v6}-/128)`;
  }
  if (embedded) {
    return `lies in ${embedded.range.cidr}, ${embedded.range.name}, so it stands for IPv4 addresses; write the IPv4 block itself, e.g. 203.0.113.16/29`;
  }
  if (cidr.hostBitsSet) return "has host bits set below its prefix length; write the network address of the block";
  return undefined;
}
