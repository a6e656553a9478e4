/** API tokens: created by `pd-mcp api-tokens create`, stored hashed in API_TOKENS_FILE, revocable. */
export * from "./api-tokens-file.js";
export * from "./api-token-verifier.js";
export * from "./manage-api-tokens.js";
