/** Credentials for one PagerDuty connection. Never logged, never written to git. */
export type AccountCredentials =
  | { kind: "api_token"; token: string }
  | { kind: "oauth_client_credentials"; clientId: string; clientSecret: string; scope?: string };

/** One upstream account: where to call, as whom, with what. Lives outside git. */
export interface Account {
  name: string;
  /** Region key of the integration (e.g. us, eu). */
  region?: string;
  /** Explicit base URL; wins over the region (used for the simulator and PAGERDUTY_BASE_URL). */
  baseUrl?: string;
  /**
   * Explicit base URL per named host of the integration (e.g. events); wins over the host's
   * override variable and regions. Used for the simulator, which serves every host.
   */
  hostBaseUrls?: Record<string, string>;
  /** Explicit OAuth token endpoint; wins over the integration's per-region one. */
  tokenUrl?: string;
  /** Absent when no credentials are configured: calls then fail with a message saying how to fix it. */
  credentials?: AccountCredentials;
  /** Default From email for operations that need one. */
  fromEmail?: string;
}

/** The account every installation has: PAGERDUTY_API_TOKEN's, or the simulator's. */
export const DEFAULT_ACCOUNT = "default";
