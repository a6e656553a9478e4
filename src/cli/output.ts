import { formatProblem, type ConfigProblem } from "../errors.js";

/** Exit codes of pd-mcp: 0 ok, 1 invalid configuration, 2 bad usage or refused input. */
export const EXIT = { ok: 0, invalidConfig: 1, refused: 2 } as const;

/** Prints one JSON document (for scripts) or human lines. */
export function print(json: boolean, value: unknown, human: () => string): void {
  console.log(json ? JSON.stringify(value, null, 2) : human());
}

/** Prints problems to stderr (or as JSON to stdout) and sets the exit code. */
export function printProblems(
  json: boolean,
  headline: string,
  problems: ConfigProblem[],
  exitCode: number,
): void {
  if (json)
    console.log(
      JSON.stringify(
        { ok: false, problems: problems.map((p) => ({ ...p, text: formatProblem(p) })) },
        null,
        2,
      ),
    );
  else {
    console.error(`${headline}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  ${formatProblem(p)}`);
  }
  process.exitCode = exitCode;
}

/** Splits a comma-separated option value; empty means none. */
export function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
