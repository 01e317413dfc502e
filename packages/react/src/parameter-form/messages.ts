/**
 * The strings ParameterForm shows. Flat keys with `{field}`-style placeholders, so translations
 * stay simple. `{field}` is always the field's label (its `title`, or the humanized property name).
 */
export interface ParameterFormMessages {
  /** A required field is empty. */
  required: string;
  /** The value doesn't match the field's `pattern` and the schema gives no hint. */
  pattern: string;
  /** The value doesn't match the `pattern`; `{hint}` is the schema's pattern description. */
  patternHint: string;
  /** `format: email`. */
  email: string;
  /** `format: uri` / `url`. */
  url: string;
  /** `format: hostname`. */
  hostname: string;
  /** Any other `format` (date, uuid, …). */
  format: string;
  /** Too short; `{limit}` is `minLength` (always 2 or more: a minimum of 1 reads as `required`). */
  minLength: string;
  /** Too long; `{limit}` is `maxLength`. */
  maxLength: string;
  /** Not one of the `enum` values. */
  enum: string;
  /** Not a number (`type: number`). */
  number: string;
  /** Not a whole number (`type: integer`). */
  integer: string;
  /** Below `minimum`; `{limit}`. */
  minimum: string;
  /** Above `maximum`; `{limit}`. */
  maximum: string;
  /** Not above `exclusiveMinimum`; `{limit}`. */
  greaterThan: string;
  /** Not below `exclusiveMaximum`; `{limit}`. */
  lessThan: string;
  /** Any other problem. */
  invalid: string;
  /** Accessible name of the reveal button while the secret is hidden. */
  showSecret: string;
  /** Accessible name of the reveal button while the secret is shown. */
  hideSecret: string;
  /** The empty first option of a select without a default. */
  selectPlaceholder: string;
  /** Read while the form's code loads (LazyParameterForm). */
  loading: string;
}

/** English messages (the default). */
export const defaultParameterFormMessages: ParameterFormMessages = {
  required: "{field} is required",
  pattern: "{field} doesn't look right",
  patternHint: "{field} doesn't look right ({hint})",
  email: "{field} must be an email address, like name@example.com",
  url: "{field} must be a web address, like https://example.com",
  hostname: "{field} must be a host name, like api.example.com",
  format: "{field} isn't in the right format",
  minLength: "{field} must be at least {limit} characters",
  maxLength: "{field} must be at most {limit} characters",
  enum: "Choose one of the options for {field}",
  number: "{field} must be a number",
  integer: "{field} must be a whole number",
  minimum: "{field} must be {limit} or more",
  maximum: "{field} must be {limit} or less",
  greaterThan: "{field} must be more than {limit}",
  lessThan: "{field} must be less than {limit}",
  invalid: "{field} isn't valid",
  showSecret: "Show {field}",
  hideSecret: "Hide {field}",
  selectPlaceholder: "Choose…",
  loading: "Loading form…",
};
