import { describe, expect, test } from "vitest";
import { decodeClientInfo, encodeClientInfo } from "../../src/http/client-info.js";

describe("client info in Mcp-Session-Id", () => {
  test("round-trips name and version", () => {
    expect(decodeClientInfo(encodeClientInfo({ name: "openai-mcp", version: "1.0.0" }))).toEqual({
      name: "openai-mcp",
      version: "1.0.0",
    });
  });
  test("strips control characters and truncates", () => {
    expect(
      decodeClientInfo(encodeClientInfo({ name: "a\nb".padEnd(100, "x"), version: "1" }))!.name,
    ).toBe("ab".padEnd(64, "x"));
  });
  test.each([undefined, "", "c1.%%%", "random-session-id", ["c1.x", "c1.y"]])(
    "ignores %j",
    (value) => {
      expect(decodeClientInfo(value as string)).toBeUndefined();
    },
  );
});
