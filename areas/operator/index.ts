export * from "./OperatorCredential";
export * from "./OperatorCrds";
export * from "./AtlasOperator";
export * from "./PreviewNamespaces";
export * from "./PreviewUsers";
