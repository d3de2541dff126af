// Runs every rule of this folder on the cases beside it (`<Rule>.cases.ts`): exact findings, or none.
import { testRulesIn } from "../../testing";

testRulesIn(__dirname);
