/** Types of build.mjs (plain JavaScript so it runs before anything is built). */
export declare function ensureBuilt(options?: {
  ifStale?: boolean;
  quiet?: boolean;
  root?: string;
}): Promise<"built" | "fresh" | "prebuilt">;

/** Builds dist/ if a source changed, then imports `entry` (relative to the checkout). */
export declare function runBuilt(entry: string): Promise<void>;
