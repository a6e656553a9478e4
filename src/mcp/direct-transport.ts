import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type {
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  RequestId,
} from "@modelcontextprotocol/sdk/types.js";

/** A JSON-RPC response or error, as the SDK server sends it. */
export type JSONRPCReply = Extract<JSONRPCMessage, { id: RequestId }> & {
  result?: unknown;
  error?: unknown;
};

interface Pending<C> {
  originalId: RequestId;
  context: C;
  resolve: (reply: JSONRPCReply) => void;
}

/**
 * An in-process MCP transport for stateless JSON requests: the HTTP layer hands it one request and
 * awaits the one reply, with no streams or sessions. One long-lived SDK Server sits on top, so
 * protocol semantics (initialize negotiation, ping, errors) stay the SDK's while a request costs
 * no new Server or transport. Ids are rewritten to internal ones because unrelated clients may
 * use the same JSON-RPC id at the same time; each request also carries a context object that
 * handlers reach through `extra.requestId`.
 */
export class DirectTransport<C> implements Transport {
  onmessage?: Transport["onmessage"];
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private nextId = 1;
  private readonly pending = new Map<number, Pending<C>>();

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.onclose?.();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const id = (message as { id?: RequestId }).id;
    if (typeof id !== "number") return; // server-initiated notifications have nowhere to go statelessly
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.resolve(toClientReply(message as JSONRPCReply, pending.originalId));
  }

  /** Delivers one request and resolves with its reply (id restored). */
  request(message: JSONRPCRequest, context: C): Promise<JSONRPCReply> {
    const internalId = this.nextId++;
    return new Promise<JSONRPCReply>((resolve) => {
      this.pending.set(internalId, { originalId: message.id, context, resolve });
      this.onmessage?.({ ...message, id: internalId });
    });
  }

  /** Delivers a notification; there is no reply. */
  notify(message: JSONRPCNotification): void {
    this.onmessage?.(message);
  }

  /** The context of an in-flight request, from the internal id handlers see. */
  contextOf(internalId: RequestId): C | undefined {
    return typeof internalId === "number" ? this.pending.get(internalId)?.context : undefined;
  }
}

/**
 * The reply as the client receives it: the SDK's reply with the caller's own id. The lean path
 * (lean-path.ts) passes its replies through here too, so both paths answer alike. The SDK's
 * McpError puts "MCP error <code>: " in front of its message, and the SDK client adds the same
 * prefix again when it turns the reply into an error: the wire message goes without it.
 */
export function toClientReply(reply: JSONRPCReply, originalId: RequestId): JSONRPCReply {
  return { ...reply, ...unprefixed(reply), id: originalId };
}

function unprefixed(reply: JSONRPCReply): { error?: unknown } {
  const error = reply.error as { code?: unknown; message?: unknown } | undefined;
  if (typeof error?.message !== "string") return {};
  const prefix = `MCP error ${String(error.code)}: `;
  return error.message.startsWith(prefix)
    ? { error: { ...error, message: error.message.slice(prefix.length) } }
    : {};
}
