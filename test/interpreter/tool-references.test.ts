import { describe, expect, test } from "vitest";
import {
  referencedTools,
  renderToolReferences,
  toolReferenceProblems,
} from "../../src/interpreter/tool-references.js";

const TOOLS = new Set(["list_all_pager_duty_services", "list_all_pager_duty_teams"]);
const TEXT =
  "Needs the service ID{{tool:list_all_pager_duty_services| (find it with {})|, which the user can give}}.{{tool:list_all_pager_duty_teams| Teams: {}.}}";

describe("renderToolReferences", () => {
  test.each([
    [
      "both visible",
      (n: string) => n,
      "Needs the service ID (find it with list_all_pager_duty_services). Teams: list_all_pager_duty_teams.",
    ],
    [
      "reached through discovery",
      (n: string) => `${n} via call_pager_duty_read_tool`,
      "Needs the service ID (find it with list_all_pager_duty_services via call_pager_duty_read_tool). Teams: list_all_pager_duty_teams via call_pager_duty_read_tool.",
    ],
    [
      "both hidden: the fallback, or nothing",
      () => undefined,
      "Needs the service ID, which the user can give.",
    ],
  ])("%s", (_intent, reach, expected) => {
    expect(renderToolReferences(TEXT, reach)).toBe(expected);
  });

  test("a text without references is returned as it is", () => {
    expect(renderToolReferences("No tools here.", () => "x")).toBe("No tools here.");
  });

  test("referencedTools lists each referenced tool once", () => {
    expect(referencedTools(`${TEXT} {{tool:list_all_pager_duty_teams|{}}}`)).toEqual([
      "list_all_pager_duty_services",
      "list_all_pager_duty_teams",
    ]);
  });
});

describe("toolReferenceProblems", () => {
  test.each([
    ["a well-formed text", TEXT, []],
    [
      "an unknown tool",
      "See {{tool:list_all_pager_duty_unicorns|{}}}.",
      [
        'references the unknown tool "list_all_pager_duty_unicorns" in {{tool:list_all_pager_duty_unicorns|{}}}: name an existing tool',
      ],
    ],
    [
      "a reference whose text has no {}",
      "See {{tool:list_all_pager_duty_teams|the teams}}.",
      [
        "has the reference {{tool:list_all_pager_duty_teams|the teams}} whose text has no {} where the tool goes",
      ],
    ],
    [
      "a malformed marker",
      "See {{tool:list_all_pager_duty_teams}}.",
      [
        "has a malformed tool reference: write {{tool:NAME|TEXT with {}}} or {{tool:NAME|TEXT with {}|TEXT WHEN HIDDEN}} (no | or braces inside the texts)",
        "names the tool list_all_pager_duty_teams in free text, which servers that hide it would still show: write {{tool:list_all_pager_duty_teams|… {} …}} instead",
      ],
    ],
    [
      "a tool named in free text",
      "Find it with list_all_pager_duty_teams.",
      [
        "names the tool list_all_pager_duty_teams in free text, which servers that hide it would still show: write {{tool:list_all_pager_duty_teams|… {} …}} instead",
      ],
    ],
  ])("%s", (_intent, text, problems) => {
    expect(toolReferenceProblems(text, TOOLS)).toEqual(problems);
  });
});
