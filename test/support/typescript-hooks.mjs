// Module hook (see typescript.mjs): a `.ts` file imported as ESM is loaded by Node's CommonJS loader instead.
export async function load(url, context, nextLoad) {
  if (/\.ts(\?|$)/.test(url)) return { format: "commonjs", shortCircuit: true };
  return nextLoad(url, context);
}
