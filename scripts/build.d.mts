/** Types of build.mjs (plain JavaScript so it runs before anything is built). */
export declare function ensureBuilt(options?: {
  ifStale?: boolean;
  quiet?: boolean;
  root?: string;
}): Promise<"built" | "fresh" | "prebuilt">;
