import { CALLER_TOKEN_TTL_SECONDS, signCaller, type Caller } from '@district/common';

/**
 * The signed caller each subgraph request carries. A token is accepted for a minute; one signed per
 * caller is reused for half of that, so a busy caller costs one signature every 30 seconds instead
 * of one per subgraph request, and every token a subgraph receives has at least 30 seconds left.
 */
export class CallerTokens {
  private readonly tokens = new Map<string, { token: Promise<string>; until: number }>();

  constructor(
    private readonly secret: string,
    private readonly reuseMs = (CALLER_TOKEN_TTL_SECONDS * 1000) / 2,
    private readonly maxCallers = 10_000,
  ) {}

  get(caller: Caller, now = Date.now()): Promise<string> {
    const key = JSON.stringify([caller.subject, caller.roles, caller.department ?? null, caller.regionScope ?? null]);
    const held = this.tokens.get(key);
    if (held && held.until > now) return held.token;
    if (this.tokens.size >= this.maxCallers) this.tokens.clear();
    const token = signCaller(caller, this.secret);
    this.tokens.set(key, { token, until: now + this.reuseMs });
    token.catch(() => this.tokens.delete(key));
    return token;
  }
}
