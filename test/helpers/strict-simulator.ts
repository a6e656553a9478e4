import { afterAll, beforeAll } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";

/**
 * A simulator on a random 127.0.0.1 port for the test file, accepting exactly `apiToken` (as
 * PagerDuty accepts only real ones). Call at the top level; read `.url` inside tests.
 */
export function strictSimulator(apiToken: string): { url: string } {
  const handle = { url: "" };
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const listening = await createSimulator({ apiToken }).listen(0, "127.0.0.1");
    handle.url = listening.url;
    close = listening.close;
  });
  afterAll(() => close());
  return handle;
}
