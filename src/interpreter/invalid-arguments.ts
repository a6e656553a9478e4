import { AppError } from "../errors.js";

/** Arguments a tool cannot be called with; each problem is listed for the model to fix. */
export function invalidArguments(toolName: string, problems: string[]): AppError {
  return new AppError(
    "invalid_arguments",
    `Invalid arguments for ${toolName}:\n${problems.map((p) => `- ${p}`).join("\n")}`,
    { details: { problems } },
  );
}
