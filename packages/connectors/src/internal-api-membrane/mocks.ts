import { createPlatformTokenApi } from "../internal-api/mocks.ts";

export const membraneApiMock = createPlatformTokenApi({
  baseUri: "https://membrane-api.internal.example/v2",
  headers: ["x-membrane-token", "x-integration-app-token"],
});
