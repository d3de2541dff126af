/**
 * The JSON Schema of `Pulumi.<stack>.yaml`, generated from the config's zod schema (zod's own JSON Schema export)
 * and the provider-key allowlist, so that an editor validates and documents a stack file as it is typed. Each key's
 * description is the JSDoc written above it in the config source: one text for the code, the editor and this file.
 * `npm run schema` writes it; a test fails when the committed file is stale.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { z } from "zod";
import { isSecretSchema } from "../config/schema";
import { DOCUMENT_KEYS, PROVIDER_KEYS } from "../config/strictStackFile";
import { PROJECT } from "../domain/project";
import { configModel } from "../program/config";
import { PROJECT_ROOT } from "./stackFiles";

type JsonSchema = Record<string, unknown>;

/** The source files whose JSDoc documents the config: the kernel's sections and shared blocks, each area's sections. */
function configSources(root: string): string[] {
  const areas = fs.readdirSync(path.join(root, "areas"), { withFileTypes: true }).filter((d) => d.isDirectory());
  return [
    "config/core.ts",
    "config/schema.ts",
    "program/config.ts",
    ...areas.map((d) => `areas/${d.name}/config.ts`).filter((f) => fs.existsSync(path.join(root, f))),
  ];
}

/** A node's JSDoc as one line; an `@default` tag becomes "Default: …". */
function docOf(node: ts.Node): string | undefined {
  const parts: string[] = [];
  for (const doc of ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc)) {
    const text = ts.getTextOfJSDocComment(doc.comment);
    if (text) parts.push(text);
    for (const tag of doc.tags ?? []) {
      const value = ts.getTextOfJSDocComment(tag.comment);
      if (tag.tagName.text === "default" && value) parts.push(`Default: ${value}.`);
    }
  }
  const text = parts.join(" ").replace(/\s+/g, " ").trim();
  return text === "" ? undefined : text;
}

/** The identifier a section's schema expression is built on: `x.optional()` → x, `z.array(x)` → x. */
function rootIdentifier(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (!ts.isCallExpression(expr)) return undefined;
  const callee = expr.expression.getText();
  if ((callee === "z.array" || callee === "uniqueList") && expr.arguments[0]) return rootIdentifier(expr.arguments[0]);
  return ts.isPropertyAccessExpression(expr.expression) ? rootIdentifier(expr.expression.expression) : undefined;
}

interface Docs {
  /** Key docs of each object literal passed to `strictObject`, by its sorted key list. */
  objects: Map<string, Record<string, string>>;
  /** Docs of the top-level sections, by key. */
  sections: Record<string, string>;
}

const signature = (keys: string[]) => [...keys].sort().join(",");

function collectDocs(root: string): Docs {
  const objects = new Map<string, Record<string, string>>();
  const constants = new Map<string, string>();
  const sectionExprs: [string, ts.Expression, string | undefined][] = [];
  for (const file of configSources(root)) {
    const source = ts.createSourceFile(
      file,
      fs.readFileSync(path.join(root, file), "utf8"),
      ts.ScriptTarget.ES2022,
      true,
    );
    const visit = (node: ts.Node): void => {
      if (ts.isVariableStatement(node)) {
        const doc = docOf(node);
        for (const d of node.declarationList.declarations) {
          if (doc && ts.isIdentifier(d.name)) constants.set(d.name.text, doc);
          if (ts.isIdentifier(d.name) && /(^s|S)ections$/.test(d.name.text) && d.initializer) {
            const literal = d.initializer;
            if (ts.isObjectLiteralExpression(literal)) {
              for (const p of literal.properties.filter(ts.isPropertyAssignment)) {
                sectionExprs.push([p.name.getText(), p.initializer, docOf(p)]);
              }
            }
          }
        }
      }
      const [first] = ts.isCallExpression(node) ? node.arguments : [];
      if (ts.isCallExpression(node) && /strictObject$/.test(node.expression.getText()) && first) {
        if (ts.isObjectLiteralExpression(first)) {
          const props = first.properties.filter(
            (p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p),
          );
          const key = signature(props.map((p) => p.name?.getText() ?? ""));
          const docs = objects.get(key) ?? {};
          for (const p of props) {
            const doc = docOf(p);
            const name = p.name?.getText() ?? "";
            if (doc && docs[name] && docs[name] !== doc) {
              throw new Error(`${file}: two objects with keys {${key}} document ${name} differently`);
            }
            if (doc) docs[name] = doc;
          }
          objects.set(key, docs);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const sections: Record<string, string> = {};
  for (const [key, expr, own] of sectionExprs) {
    const id = rootIdentifier(expr);
    const doc = own ?? (id ? constants.get(id) : undefined);
    if (doc) sections[key] = doc;
  }
  return { objects, sections };
}

const SECURE: JsonSchema = {
  type: "object",
  properties: { secure: { type: "string", description: "Ciphertext written by pulumi config set --secret." } },
  required: ["secure"],
  additionalProperties: false,
};

/** The JSON Schema of a stack file of this project. */
export function stackSchema(root = PROJECT_ROOT): JsonSchema {
  const docs = collectDocs(root);
  const sections = configModel.sections as unknown as Record<string, z.ZodType>;
  const generated = z.toJSONSchema(z.object(sections), {
    target: "draft-7",
    io: "input",
    unrepresentable: "any",
    override(ctx) {
      const schema = ctx.jsonSchema as JsonSchema;
      if (isSecretSchema(ctx.zodSchema)) {
        const description = schema.description;
        for (const k of Object.keys(schema)) Reflect.deleteProperty(schema, k);
        Object.assign(schema, SECURE, description ? { description } : {});
        return;
      }
      const properties = schema.properties as Record<string, JsonSchema> | undefined;
      if (schema.type !== "object" || !properties) return;
      const known = docs.objects.get(signature(Object.keys(properties))) ?? {};
      // A copy per place: zod emits one object for a schema used in several places, and each place has its own doc.
      for (const [k, v] of Object.entries(properties)) {
        if (known[k] && !v.description) properties[k] = { description: known[k], ...v };
      }
    },
  }) as { properties: Record<string, JsonSchema>; required?: string[] };

  const config: Record<string, JsonSchema> = {};
  for (const [key, schema] of Object.entries(generated.properties)) {
    config[`${PROJECT}:${key}`] = { description: docs.sections[key], ...schema };
  }
  for (const p of PROVIDER_KEYS) {
    config[p.key] = p.secret
      ? { description: `${p.what}. Secret.`, ...SECURE }
      : { description: `${p.what}.`, type: "string" };
  }
  const documentKeys: Record<string, JsonSchema> = Object.fromEntries(
    DOCUMENT_KEYS.filter((k) => k !== "config").map((k) => [k, { description: "Written by the Pulumi CLI." }]),
  );
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: `${PROJECT} stack file (Pulumi.<stack>.yaml)`,
    description: `Generated by npm run schema from the config's zod schema (config/, areas/*/config.ts); do not edit.`,
    type: "object",
    properties: {
      ...documentKeys,
      config: {
        description: `${PROJECT}:<key> for this program's settings and an allowlist of provider keys; nothing else.`,
        type: "object",
        properties: config,
        required: (generated.required ?? []).map((k) => `${PROJECT}:${k}`),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}

/** The committed text of the schema: stable key order, two-space indent. */
export const renderStackSchema = (root = PROJECT_ROOT): string => `${JSON.stringify(stackSchema(root), null, 2)}\n`;
