import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import { afterEach, expect, test } from "vitest";
import { createLogger, toolCallLogger } from "../src/logger.js";
import { REPO_ROOT } from "./helpers/config-dir.js";

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, destination };
}

test("secret-looking fields are redacted on ordinary lines, not on tool-call lines (they hold none)", () => {
  const { lines, destination } = capture();
  const logger = createLogger({ destination });
  logger.info({ token: "t", account: { authorization: "a" } }, "ordinary");
  toolCallLogger(logger).info({ event: "tool_call", tool: "x", server: "s" }, "tool call");
  expect(lines[0]).toMatchObject({ token: "[redacted]", account: { authorization: "[redacted]" } });
  expect(lines[1]).toMatchObject({ event: "tool_call", tool: "x", server: "s", msg: "tool call" });
});

const children: Array<{ kill(): boolean }> = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

/** Runs a script that imports the logger in a child process; resolves with its stdout lines as they come. */
function runChild(
  script: string,
  onLine: (line: Record<string, unknown>, all: string[]) => boolean,
) {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const all: string[] = [];
  let rest = "";
  return new Promise<string[]>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      const parts = (rest + d.toString()).split("\n");
      rest = parts.pop()!;
      for (const p of parts) {
        all.push(p);
        if (onLine(JSON.parse(p), all)) {
          child.kill();
          resolve(all);
        }
      }
    });
    child.on("exit", () => resolve(all));
    child.on("error", reject);
  });
}

test("buffered lines are all written, in order, when the process exits right after logging", async () => {
  const lines = await runChild(
    `import { createLogger } from "./src/logger.ts";
     const logger = createLogger({ flushIntervalMs: 600000 });
     for (let i = 0; i < 500; i++) logger.info({ i }, "line");
     process.exit(0);`,
    () => false,
  );
  expect(lines.map((l) => JSON.parse(l).i)).toEqual([...Array(500).keys()]);
});

test("a warning is written at once, after the lines buffered before it", async () => {
  // The flush interval is ten minutes and the process stays alive: only the warning can flush.
  const lines = await runChild(
    `import { createLogger } from "./src/logger.ts";
     const logger = createLogger({ flushIntervalMs: 600000 });
     logger.info("before");
     logger.warn("warned");
     setInterval(() => {}, 1000);`,
    (line) => line.msg === "warned",
  );
  expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["before", "warned"]);
}, 20_000);
