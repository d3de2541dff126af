import type { Rule } from "../types";

/** Every rule, in id order. Each area keeps one rule per file next to its test. */
export const rules: readonly Rule[] = [];
