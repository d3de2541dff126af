export * from "./OperatorCredential";
export * from "./AtlasOperator";
export * from "./Previews";
