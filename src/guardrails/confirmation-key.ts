import { randomBytes } from "node:crypto";
import { mkdir, open, readFile } from "node:fs/promises";
import { join } from "node:path";

/** The generated key's file name inside the state directory. */
export const KEY_FILE = "confirmation.key";

/**
 * The key confirmation codes are signed with: CONFIRMATION_KEY when set (at least 32
 * characters; give every replica the same), else STATE_DIR/confirmation.key, generated once
 * (32 random bytes, mode 0600; created with O_EXCL, so replicas sharing the directory that start
 * together all read the one that won). Never logged.
 */
export async function loadConfirmationKey(
  stateDir: string,
  fromEnv: string | undefined,
): Promise<Buffer> {
  if (fromEnv !== undefined) {
    if (fromEnv.length < 32)
      throw new Error(
        "CONFIRMATION_KEY must be at least 32 characters (e.g. openssl rand -hex 32), or unset to use a generated key file",
      );
    return Buffer.from(fromEnv, "utf8");
  }
  const file = join(stateDir, KEY_FILE);
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  try {
    const handle = await open(file, "wx", 0o600);
    await handle.writeFile(randomBytes(32).toString("hex"));
    await handle.close();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  // A replica that lost the race may read before the winner wrote: wait for the whole key.
  for (let attempt = 0; ; attempt++) {
    const text = (await readFile(file, "utf8")).trim();
    if (/^[0-9a-f]{64}$/.test(text)) return Buffer.from(text, "hex");
    if (attempt >= 50)
      throw new Error(
        `${file} does not hold a key (64 hex characters): delete it to make a new one`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}
