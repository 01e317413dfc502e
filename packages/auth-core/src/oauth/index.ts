/** OAuth protocol building blocks: pure functions over web-standard APIs (browser and Node 20). */
export { calculatePkceCodeChallenge, generateCodeVerifier, isValidCodeVerifier, PKCE_CODE_CHALLENGE_METHOD } from "./pkce.ts";
export { generateNonce, generateRandomState, randomBytes } from "./random.ts";
export { timingSafeEqual } from "./constant-time.ts";
export {
  createSignedState,
  SIGNED_STATE_MIN_SECRET_LENGTH,
  verifySignedState,
  type CreateSignedStateOptions,
  type VerifySignedStateOptions,
} from "./signed-state.ts";
export { callbackSearchParams } from "./callback-search-params.ts";
export {
  parseAuthorizationCallback,
  type AuthorizationCallback,
  type AuthorizationErrorData,
  type ExpectedCallback,
} from "./callback-params.ts";
export { computeExpiresAt, isExpired, parseTokenResponse, type TokenErrorData, type TokenResponse } from "./token-response.ts";
export { encodeBasicCredentials, encodeClientSecretBasic, formUrlEncode } from "./client-auth.ts";
export { percentEncode } from "./percent-encode.ts";
export {
  buildSignatureBaseString,
  normalizeBaseUri,
  normalizeParameters,
  OAUTH1_SIGNATURE_METHODS,
  signOAuth1Request,
  type OAuth1Param,
  type OAuth1SignatureMethod,
  type OAuth1SignedRequest,
  type OAuth1SignRequest,
} from "./oauth1-signature.ts";
