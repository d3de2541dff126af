// The Pulumi entry point. The engine calls the exported function and exports what it returns as stack outputs.
import { program } from "./program/program";

export = program;
