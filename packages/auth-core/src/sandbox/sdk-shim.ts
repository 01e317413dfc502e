/**
 * A tiny stand-in for the parts of the integration.app / Membrane SDKs that connector code imports
 * (mostly the error classes). It is guest source code: it only ever runs inside QuickJS.
 */

/** Module names that resolve to the shim, in `import` and in CommonJS `require`. */
export const SDK_MODULE_NAMES: readonly string[] = ["@membranehq/sdk", "@integration-app/sdk", "@integration-app/connector-sdk"];

/** Internal module name the shim is registered under in the guest's module loader. */
export const SDK_MODULE_ID = "plugboard:sdk";

export function isSdkModuleName(name: string): boolean {
  return SDK_MODULE_NAMES.some((sdk) => name === sdk || name.startsWith(`${sdk}/`));
}

export function importNotAllowedMessage(name: string): string {
  return `Cannot import "${name}": connector code may only import ${SDK_MODULE_NAMES.join(", ")}`;
}

/** Guest source of a function that builds the SDK object; shared by the ES module and by `require`. */
export const SDK_FACTORY_SOURCE = String.raw`function () {
  "use strict";
  const ConnectionErrorKey = Object.freeze({
    CONNECTION_IS_DEFUNCT: "connection_is_defunct",
    ACCESS_TOKEN_EXPIRED: "access_token_expired",
    RATE_LIMIT_EXCEEDED: "rate_limit_exceeded",
  });
  const BadRequestErrorKey = Object.freeze({
    NOT_FOUND: "not_found",
    NOT_AUTHENTICATED: "not_authenticated",
    ACCESS_DENIED: "access_denied",
    ALREADY_EXISTS: "already_exists",
    RATE_LIMIT_EXCEEDED: "rate_limit_exceeded",
  });
  class MembraneError extends Error {
    constructor(arg) {
      const options = typeof arg === "string" ? { message: arg } : arg !== null && typeof arg === "object" ? arg : {};
      super(options.message === undefined ? "" : String(options.message));
      this.name = new.target.name;
      this.isMembraneError = true;
      this.isIntegrationAppError = true;
      this.type = options.type !== undefined ? options.type : new.target.defaultType;
      if (options.key !== undefined) this.key = options.key;
      if (options.data !== undefined) this.data = options.data;
      if (options.causedByError !== undefined) this.causedByError = options.causedByError;
    }
  }
  MembraneError.defaultType = "internal";
  class ConnectionError extends MembraneError {}
  ConnectionError.defaultType = "connection";
  class BadRequestError extends MembraneError {}
  BadRequestError.defaultType = "bad_request";
  class CustomCodeError extends MembraneError {}
  CustomCodeError.defaultType = "custom_code";
  class ConfigurationError extends MembraneError {}
  ConfigurationError.defaultType = "configuration";
  // Old connectors return "new RestApiClient({ baseUri, headers, ... })" from makeApiClient;
  // here it only holds those options, so the engine receives them as plain data.
  class RestApiClient {
    constructor(options) {
      Object.assign(this, options);
    }
  }
  return {
    ConnectionErrorKey,
    BadRequestErrorKey,
    MembraneError,
    IntegrationAppError: MembraneError,
    ConnectionError,
    BadRequestError,
    CustomCodeError,
    ConfigurationError,
    RestApiClient,
  };
}`;

/** The ES module served for `import ... from "@membranehq/sdk"` (and the other SDK names). */
export const SDK_MODULE_SOURCE = `const sdk = (${SDK_FACTORY_SOURCE})();
export const {
  ConnectionErrorKey,
  BadRequestErrorKey,
  MembraneError,
  IntegrationAppError,
  ConnectionError,
  BadRequestError,
  CustomCodeError,
  ConfigurationError,
  RestApiClient,
} = sdk;
export default sdk;
`;
