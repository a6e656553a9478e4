import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { expect, test } from "vitest";
import { INTERNAL_ERROR } from "../../src/mcp/lean-path.js";
import { loadedSdk, loadSdk } from "../../src/mcp/sdk.js";

test("the SDK loads once, on demand, and the lean path's error code is the SDK's", async () => {
  const [a, b] = await Promise.all([loadSdk(), loadSdk()]);
  expect(a).toBe(b);
  expect(loadedSdk()).toBe(a);
  expect(typeof a.Server).toBe("function");
  expect(a.types.SUPPORTED_PROTOCOL_VERSIONS).toContain(a.types.LATEST_PROTOCOL_VERSION);
  expect(INTERNAL_ERROR).toBe(ErrorCode.InternalError);
});
