/**
 * Named hosts of integration.json the simulator also serves at its one base URL (the Events API
 * v2 paths /v2/enqueue and /v2/change/enqueue): point an account's hostBaseUrls at it.
 */
export const SIMULATED_HOSTS = ["events"] as const;
