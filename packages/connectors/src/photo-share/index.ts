import { EXAMPLE_REDIRECT_URIS } from "../example-app.ts";
import type { ExampleConnector } from "../types.ts";
import getOAuthConfig from "./auth/get-oauth-config.map.yml?raw";
import makeApiClient from "./auth/make-api-client.map.yml?raw";
import test from "./auth/test.js?raw";
import spec from "./spec.yml?raw";
import { PHOTO_SHARE_CONSUMER, photoShareHandlers, photoShareProvider } from "./mocks.ts";

export const photoShare: ExampleConnector = {
  key: "photo-share",
  title: "Photo Share",
  summary: "OAuth 1.0a, three-legged (RFC 5849); every API request signed with HMAC-SHA1 (auth: block with files, JavaScript test).",
  authTypes: ["oauth1"],
  spec,
  files: {
    "auth/get-oauth-config.map.yml": getOAuthConfig,
    "auth/make-api-client.map.yml": makeApiClient,
    "auth/test.js": test,
  },
  connectorParameters: { ...PHOTO_SHARE_CONSUMER },
  handlers: photoShareHandlers,
  sampleRequest: { method: "GET", path: "/photos.json", query: { file: "vacation.jpg", size: "original" } },
  oauthProvider: { protocol: "oauth1", provider: photoShareProvider, redirectUris: [...EXAMPLE_REDIRECT_URIS] },
  fixtures: { validInput: {} },
};
