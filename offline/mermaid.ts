/**
 * The access paths as a Mermaid flowchart (GitHub renders it in Markdown): principal → Atlas user → database or
 * workspace, the via on the first edge and the roles and scopes on the second. Pure; every line fits 100 columns
 * (long names are shortened in the label only; access.json keeps them whole).
 */
import type { AccessModel } from "./access";
import { VIA_LABEL, collapsePreviews, principalLabel, targetLabel, throughLabel, userLabel } from "./accessView";

const MAX_LABEL = 60;

/** A label inside `["…"]`: no quotes or angle brackets (Mermaid entities instead), at most {@link MAX_LABEL}. */
function label(text: string): string {
  const short = text.length > MAX_LABEL ? `…${text.slice(text.length - MAX_LABEL + 1)}` : text;
  return short.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

export function accessGraph(model: AccessModel): string {
  const paths = collapsePreviews(model.paths);
  if (paths.length === 0) return "";
  const ids = new Map<string, string>();
  const nodes: string[] = [];
  const node = (kind: "p" | "u" | "t", key: string, text: string, shape: [string, string]) => {
    const k = `${kind}:${key}`;
    let id = ids.get(k);
    if (!id) {
      id = `${kind}${[...ids.keys()].filter((x) => x.startsWith(`${kind}:`)).length + 1}`;
      ids.set(k, id);
      nodes.push(`  ${id}${shape[0]}"${label(text)}"${shape[1]}`);
    }
    return id;
  };
  const edges = new Set<string>();
  for (const p of paths) {
    const principal = principalLabel(p);
    const from = node("p", p.principal, principal, ["(", ")"]);
    const user = node("u", p.user, userLabel(p.user), ["[", "]"]);
    const target = node("t", `${p.target.kind}:${p.target.name}`, targetLabel(p.target), ["[(", ")]"]);
    // The edge names the hop (the user node already names an assumed role): the secret, namespace or connection.
    const hop =
      p.via === "assume-role" ? VIA_LABEL[p.via] : `${VIA_LABEL[p.via]} ${throughLabel(p).replace(/^\w+ /, "")}`;
    edges.add(`  ${from} -- "${label(hop)}" --> ${user}`);
    const scope = p.scopes.map((s) => s.replace(/^(cluster|workspace) /, "")).join(", ");
    edges.add(`  ${user} -- "${label(`${p.roles.join(", ")} on ${scope}`)}" --> ${target}`);
  }
  return ["```mermaid", "flowchart LR", ...nodes, ...edges, "```"].join("\n");
}
