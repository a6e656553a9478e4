import type { IncomingMessage } from "node:http";
import { describe, expect, test } from "vitest";
import { allowedHostsFrom, createOriginCheck } from "../../src/http/origin-check.js";

const check = createOriginCheck(allowedHostsFrom("https://mcp.example.com", ["internal.example"]));
const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("createOriginCheck", () => {
  test.each([
    ["localhost with a port", { host: "localhost:3000" }],
    ["loopback IP", { host: "127.0.0.1:8080" }],
    ["IPv6 loopback", { host: "[::1]:3000" }],
    ["PUBLIC_URL's host", { host: "mcp.example.com" }],
    ["an ALLOWED_HOSTS entry", { host: "internal.example:443" }],
    ["a local browser origin", { host: "localhost:3000", origin: "http://localhost:6274" }],
  ])("allows %s", (_intent, headers) => {
    expect(check(req(headers))).toBeUndefined();
  });

  test.each([
    [
      "a rebinding Host",
      { host: "attacker.example:3000" },
      'Host "attacker.example:3000" is not allowed: set PUBLIC_URL or ALLOWED_HOSTS to the name clients use.',
    ],
    [
      "no Host",
      {},
      'Host "" is not allowed: set PUBLIC_URL or ALLOWED_HOSTS to the name clients use.',
    ],
    [
      "a foreign Origin",
      { host: "localhost:3000", origin: "https://evil.example" },
      'Origin "https://evil.example" is not allowed.',
    ],
    ["a malformed Origin", { host: "localhost", origin: "::::" }, 'Origin "::::" is not allowed.'],
  ])("refuses %s", (_intent, headers, message) => {
    expect(check(req(headers))).toBe(message);
  });
});
