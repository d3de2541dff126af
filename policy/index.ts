// The only file that constructs the pack: `new PolicyPack` starts a gRPC server, so tests import ./policies instead.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./policies";

new PolicyPack(POLICY_PACK_NAME, { policies });
