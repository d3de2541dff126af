import { z } from "zod";

/** The Pulumi project name: every key of this program's config is `atlas-access:<key>`. */
export const PROJECT = "atlas-access";

/**
 * A strict object: a key the schema does not know is an error naming the accepted keys, because a typo
 * (`allowedPrincipal` for `allowedPrincipals`) must never silently drop a guardrail.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape).sort().join(", ");
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `unknown key; accepted keys here: ${known}` : undefined),
  });
}

export const HEX24 = /^[0-9a-f]{24}$/;
export const atlasId = (what: string) =>
  z
    .string()
    .regex(HEX24, { error: `must be the ${what}: 24 lowercase hexadecimal characters, e.g. 5f0c2a9e8d1b4c3a2e1f0d9c` });

/** Atlas cluster names: letters, digits and hyphens, at most 64 characters (Atlas rule). */
export const clusterName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, {
  error: "must be an Atlas cluster name: letters, digits and '-', 1-64 characters",
});

/**
 * A MongoDB database name as this program accepts it: lowercase letters, digits and `_`, starting with a letter,
 * at most 63 characters. Stricter than MongoDB on purpose: names are compared byte for byte by the guardrails and
 * the admission policies, so case and punctuation variants are not allowed to exist.
 */
export const databaseName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, {
  error: "must be a database name: lowercase letters, digits and '_', starting with a letter, at most 63 characters",
});

export const email = z
  .string()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: "must be an e-mail address such as security@example.com" });

/** A list whose items must be unique: the message names the duplicate and its first position. */
export function uniqueList<T extends z.ZodType>(item: T, key: (v: z.infer<T>) => string = String) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Map<string, number>();
    items.forEach((v, i) => {
      const k = key(v);
      const first = seen.get(k);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          input: v,
          message: `duplicate of item [${first}]; each entry must appear once`,
        });
      } else {
        seen.set(k, i);
      }
    });
  });
}
