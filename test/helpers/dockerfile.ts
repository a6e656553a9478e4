/** One Dockerfile instruction: `COPY --from=build /a /b` is {op: "COPY", flags: {from: "build"}, args: ["/a", "/b"]}. */
export interface Instruction {
  op: string;
  flags: Record<string, string>;
  /** The arguments: a JSON array's items (exec form) or the words of the rest (shell form). */
  args: string[];
  /** The text after the instruction and its flags, as written (continuations joined). */
  raw: string;
}

/** One build stage: from FROM to the next FROM. */
export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

/**
 * Parses a Dockerfile far enough to check it without a Docker engine: comments and blank lines
 * dropped, `\` continuations joined, instructions split into stages. ARG defaults are substituted
 * into FROM lines.
 */
export function parseDockerfile(text: string): Stage[] {
  const lines: string[] = [];
  let pending = "";
  for (const line of text.split("\n")) {
    if (/^\s*#/.test(line) && pending === "") continue;
    const trimmed = line.trimEnd();
    if (trimmed.endsWith("\\")) {
      pending += `${trimmed.slice(0, -1)} `;
      continue;
    }
    const full = (pending + trimmed).trim();
    pending = "";
    if (full) lines.push(full);
  }
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, rest] = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = parseInstruction(op.toUpperCase(), rest);
    if (instruction.op === "ARG" && stages.length === 0) {
      const [key, value = ""] = instruction.raw.split("=");
      args[key] = value;
    } else if (instruction.op === "FROM") {
      const image = instruction.args[0].replace(/\$\{(\w+)\}/g, (_, k: string) => args[k] ?? "");
      const as = instruction.args.findIndex((a) => a.toUpperCase() === "AS");
      stages.push({
        image,
        name: as === -1 ? undefined : instruction.args[as + 1],
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

function parseInstruction(op: string, rest: string): Instruction {
  const flags: Record<string, string> = {};
  let raw = rest;
  for (;;) {
    const flag = /^--([\w-]+)(?:=(\S+))?\s*/.exec(raw);
    if (!flag) break;
    flags[flag[1]] = flag[2] ?? "true";
    raw = raw.slice(flag[0].length);
  }
  let args: string[];
  try {
    args = raw.startsWith("[") ? (JSON.parse(raw) as string[]) : raw.split(/\s+/).filter(Boolean);
  } catch {
    args = raw.split(/\s+/).filter(Boolean);
  }
  return { op, flags, args, raw };
}
