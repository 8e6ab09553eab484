import type { Caller } from '@district/common';

/**
 * Bearer tokens already verified, until they expire: a client sends the same token with every
 * request, and checking its signature again each time is the gateway's largest fixed cost per
 * request after the query itself. Only tokens that passed every check are kept, with their expiry.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, { caller: Caller; expiresAt: number }>();

  constructor(private readonly maxTokens = 10_000) {}

  get(token: string, now = Date.now()): Caller | undefined {
    const held = this.tokens.get(token);
    if (!held) return undefined;
    if (held.expiresAt > now) return held.caller;
    this.tokens.delete(token);
    return undefined;
  }

  keep(token: string, caller: Caller, expiresAtSeconds: number | undefined): void {
    if (!expiresAtSeconds) return; // a token without expiry is checked every time
    if (this.tokens.size >= this.maxTokens) this.tokens.clear();
    this.tokens.set(token, { caller, expiresAt: expiresAtSeconds * 1000 });
  }
}
