import * as pulumi from "@pulumi/pulumi";
import { OperatorCredential } from "../../../components/kubernetes/operator/credential";

/** A one-component program for the harness: reports whether the component's credential outputs are secret. */
module.exports = async () => {
  const c = new OperatorCredential("operator-credential", {
    orgId: "5f0c2a9e8d1b4c3a2e1f0d9c",
    projectId: "64b7f3a1c2d4e5f6a7b8c9d0",
    accessList: ["203.0.113.16/29"],
  });
  return {
    clientIdIsSecret: await pulumi.isSecret(c.clientId),
    clientSecretIsSecret: await pulumi.isSecret(c.clientSecret),
  };
};
