import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { callerFromClaims, unauthenticated, type Caller } from '@district/common';
import type { GatewayConfig } from './config';
import { VerifiedTokens } from './verified-tokens';

/**
 * Verifies the caller's bearer token: signature (HS256 secret or the identity provider's JWKS),
 * expiry (required, and no further off than MAX_TOKEN_LIFETIME_SECONDS), issuer and audience.
 * Anything short of that is refused with a message saying why.
 */
export function createAuthenticator(config: GatewayConfig) {
  const key: Uint8Array | JWTVerifyGetKey = config.JWKS_URL
    ? createRemoteJWKSet(new URL(config.JWKS_URL))
    : new TextEncoder().encode(config.JWT_SECRET);
  const algorithms = config.JWKS_URL ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'];
  const verifiedTokens = new VerifiedTokens();
  const expected = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, requiredClaims: ['exp'] };

  return async function authenticate(authorization: string | undefined): Promise<Caller> {
    if (!authorization) throw unauthenticated('缺少访问令牌 / missing bearer token: send Authorization: Bearer <token>');
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) throw unauthenticated('访问令牌格式错误 / the Authorization header must be "Bearer <token>"');
    const known = verifiedTokens.get(m[1]);
    if (known) return known;
    let claims: Record<string, unknown>;
    try {
      const verified =
        typeof key === 'function'
          ? await jwtVerify(m[1], key, { ...expected, algorithms })
          : await jwtVerify(m[1], key, { ...expected, algorithms });
      claims = verified.payload as Record<string, unknown>;
    } catch (e) {
      const { code, claim, reason } = e as { code?: string; claim?: string; reason?: string };
      const why =
        code === 'ERR_JWT_EXPIRED'
          ? '令牌已过期 / token expired'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'exp' && reason === 'missing'
            ? '令牌未写明有效期 / the token has no expiry (exp): ask for a token that expires'
            : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
              ? `令牌声明不符 / token claim rejected: ${claim ?? ''}`
              : '令牌无效 / invalid token';
      throw unauthenticated(why);
    }
    // a token that lives for years is a password that cannot be changed: refuse long lifetimes
    const exp = Number(claims.exp);
    const issued = typeof claims.iat === 'number' ? Math.min(claims.iat, Date.now() / 1000) : Date.now() / 1000;
    if (exp - issued > config.MAX_TOKEN_LIFETIME_SECONDS) {
      throw unauthenticated(
        `令牌有效期超过 ${config.MAX_TOKEN_LIFETIME_SECONDS / 3600} 小时 / the token lives longer than the ${config.MAX_TOKEN_LIFETIME_SECONDS / 3600} h allowed`,
      );
    }
    let caller: Caller;
    try {
      caller = callerFromClaims(claims);
    } catch (e) {
      throw unauthenticated(`令牌内容无效 / ${(e as Error).message}`);
    }
    verifiedTokens.keep(m[1], caller, typeof claims.exp === 'number' ? claims.exp : undefined);
    return caller;
  };
}
