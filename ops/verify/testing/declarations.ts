/** What the repository's real stacks declare, computed once per test worker (it runs the program for every stack). */
import * as path from "path";
import { declareStacks } from "../cli";
import type { StackDeclaration } from "../declared";

let declarations: Promise<StackDeclaration[]> | undefined;

export const repositoryDeclarations = (): Promise<StackDeclaration[]> =>
  (declarations ??= declareStacks(path.resolve(__dirname, "..", "..", "..")));
