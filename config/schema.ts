/**
 * Zod building blocks every config section uses: strict objects, unique lists, and fields for the vocabulary's
 * formats (`domain/`), each with the message a person reads when a value is refused.
 */
import { z } from "zod";
import { ATLAS_ID, CLUSTER_NAME, DATABASE_NAME, ROTATION_DATE } from "../domain/atlas";
import { ACCOUNT_ID } from "../domain/aws";
import { EMAIL, HTTPS_URL } from "../domain/formats";

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

/** A list whose items must be unique: the message names the duplicate and its first position. */
export function uniqueList<T extends z.core.SomeType>(item: T, key: (v: z.output<T>) => string = String) {
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

export const atlasId = (what: string) =>
  z.string().regex(ATLAS_ID, {
    error: `must be the ${what}: 24 lowercase hexadecimal characters, e.g. 5f0c2a9e8d1b4c3a2e1f0d9c`,
  });

export const clusterName = z.string().regex(CLUSTER_NAME, {
  error: "must be an Atlas cluster name: letters, digits and '-', 1-64 characters",
});

export const databaseName = z.string().regex(DATABASE_NAME, {
  error: "must be a database name: lowercase letters, digits and '_', starting with a letter, at most 63 characters",
});

export const email = z.string().regex(EMAIL, { error: "must be an e-mail address such as security@example.com" });

export const httpsUrl = z.string().regex(HTTPS_URL, {
  error: "must be an https:// URL such as https://alerts.example.com/hooks/aws (plain http is not accepted)",
});

export const accountId = z
  .string()
  .regex(ACCOUNT_ID, { error: "must be a 12-digit AWS account id, e.g. 111122223333" });

/** `["a", "b"]` → `a, b`: lists in messages. */
export const list = (items: readonly string[]): string => items.join(", ");

/** A credential's rotation: the day it was last rotated, and the period within which it must be rotated again. */
export const rotationSchema = (defaultDays: number) =>
  strictObject({
    /** The day of the last rotation (`YYYY-MM-DD`, UTC); a new date rotates the credential at the next deployment. */
    rotatedOn: z.string().refine((d) => ROTATION_DATE.test(d) && !Number.isNaN(Date.parse(d)), {
      error: "must be the day of the last rotation as YYYY-MM-DD, e.g. 2026-11-30",
    }),
    /** Rotate again within this many days. */
    rotateEveryDays: z
      .number()
      .refine((n) => Number.isSafeInteger(n) && n >= 1 && n <= 365, {
        error: "must be a whole number of days from 1 to 365",
      })
      .default(defaultDays),
  });
/** Schemas of values that must be Pulumi secrets (`secure:` in the stack file): see {@link secret}. */
const secretSchemas = new WeakSet<z.core.$ZodType>();

/**
 * Marks a value as a secret: the stack file must hold it encrypted (`pulumi config set --secret`), the generated
 * JSON Schema shows it as `{ secure: <ciphertext> }`, and a plain-text value is refused with the command to fix it.
 */
export function secret<T extends z.core.$ZodType>(schema: T): T {
  secretSchemas.add(schema);
  return schema;
}

export const isSecretSchema = (schema: z.core.$ZodType): boolean => secretSchemas.has(schema);

/** The parts of zod's internal definition the walkers read (zod 4 `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  options?: readonly z.core.$ZodType[];
}

/** A segment of {@link secretPaths}: a key, or `[]` for every item of a list. */
export type SchemaSegment = string | "[]";

/** Every path inside `schema` whose value is marked {@link secret}, e.g. `["alerts", "webhooks", "[]", "secret"]`. */
export function secretPaths(schema: z.core.$ZodType, at: SchemaSegment[] = []): SchemaSegment[][] {
  if (isSecretSchema(schema)) return [at];
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case "object":
      return Object.entries(def.shape ?? {}).flatMap(([k, s]) => secretPaths(s, [...at, k]));
    case "array":
      return def.element ? secretPaths(def.element, [...at, "[]"]) : [];
    case "pipe":
      return def.in ? secretPaths(def.in, at) : [];
    case "union":
      return (def.options ?? []).flatMap((o) => secretPaths(o, at));
    default:
      return def.innerType ? secretPaths(def.innerType, at) : [];
  }
}
