export * from "./credential";
export * from "./operator";
export * from "./previews";
