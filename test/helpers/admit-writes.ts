// A "replica" for the file store test: `node --import tsx admit-writes.ts <dir> <callers> <now>`
// admits that many concurrent writes against a budget of 10 per hour and prints how many passed.
import { createFileStore } from "../../src/guardrails/file-store.js";
import { limitsFor } from "../../src/guardrails/write-budget.js";

const [dir, callers, now] = process.argv.slice(2);
const store = createFileStore(dir);
const limits = limitsFor("oncall", "create_a_pager_duty_incident", { per_hour: 10 }, undefined);
const answers = await Promise.all(
  Array.from({ length: Number(callers) }, () => store.admit({ limits, now: Number(now) })),
);
console.log(answers.filter((a) => a.ok).length);
