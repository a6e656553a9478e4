import type { Snapshot } from "./snapshot.js";

/** What a reload changed, for the log. Names only: never tokens or hashes. */
export interface SnapshotDiff {
  serversAdded: string[];
  serversRemoved: string[];
  serversChanged: string[];
  toolsAdded: string[];
  toolsRemoved: string[];
}

export function diffSnapshots(previous: Snapshot, next: Snapshot): SnapshotDiff {
  const before = previous.serversByName;
  const after = next.serversByName;
  const tools = (s: Snapshot) =>
    new Set([...s.integrations.values()].flatMap((i) => [...i.tools.keys()]));
  const toolsBefore = tools(previous);
  const toolsAfter = tools(next);
  return {
    serversAdded: [...after.keys()].filter((n) => !before.has(n)),
    serversRemoved: [...before.keys()].filter((n) => !after.has(n)),
    serversChanged: [...after.keys()].filter((n) => {
      const a = before.get(n);
      const b = after.get(n);
      return (
        a &&
        b &&
        (a.catalogVersion !== b.catalogVersion ||
          JSON.stringify(a.config) !== JSON.stringify(b.config))
      );
    }),
    toolsAdded: [...toolsAfter].filter((t) => !toolsBefore.has(t)),
    toolsRemoved: [...toolsBefore].filter((t) => !toolsAfter.has(t)),
  };
}
