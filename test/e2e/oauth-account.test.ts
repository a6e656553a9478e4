import { afterEach, describe, expect, test } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { serverFile } from "../helpers/config-dir.js";
import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack | undefined;
afterEach(() => stack?.close());

async function oauthStack(secret: string): Promise<Stack> {
  const s = await startStack({
    servers: [serverFile("oauth", "oauth-token")],
    simulator: { oauthClients: { "client-1": "right-secret" } },
  });
  const account = s.accounts.get("default")!;
  account.credentials = {
    kind: "oauth_client_credentials",
    clientId: "client-1",
    clientSecret: secret,
    scope: "incidents.read",
  };
  account.tokenUrl = `${s.simUrl}/oauth/token`;
  return s;
}

describe("an OAuth (scoped app) account against the simulator's token endpoint", () => {
  test("the access token is fetched once and reused across calls", async () => {
    stack = await oauthStack("right-secret");
    const client = await stack.client("oauth-token");
    for (let i = 0; i < 3; i++) {
      const r = (await client.callTool({
        name: "list_all_pager_duty_priorities",
        arguments: {},
      })) as CallToolResult;
      expect(r.isError).toBeUndefined();
    }
    const tokenRequests = stack.sim.requests.filter((r) => r.path === "/oauth/token");
    expect(tokenRequests).toHaveLength(1);
    const api = stack.sim.requests.filter((r) => r.path === "/priorities");
    expect(api).toHaveLength(3);
    expect(
      api.every(
        (r) =>
          r.headers.authorization === api[0].headers.authorization &&
          r.headers.authorization.startsWith("Bearer pdus+"),
      ),
    ).toBe(true);
  });

  test("refused client credentials are a tool error that names the account, and nothing else is sent", async () => {
    stack = await oauthStack("wrong-secret");
    const client = await stack.client("oauth-token");
    const r = (await client.callTool({
      name: "list_all_pager_duty_priorities",
      arguments: {},
    })) as CallToolResult;
    expect(r.isError).toBe(true);
    expect((r.content as Array<{ text: string }>)[0].text).toBe(
      'PagerDuty refused the OAuth client credentials of account "default" (Client authentication failed.): check the client ID, secret and scopes.',
    );
    expect(stack.sim.requests.map((x) => x.path)).toEqual(["/oauth/token"]);
  });
});
