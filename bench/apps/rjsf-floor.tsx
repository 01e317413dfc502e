// Size bench reference: the least an app using @rjsf/core's Form ships (RJSF and its dependencies,
// a no-op validator), to show how much of the parameter form's weight is RJSF itself.
import Form from "@rjsf/core";
import type { ValidatorType } from "@rjsf/utils";
import { createRoot } from "react-dom/client";

const validator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({}),
};

createRoot(document.getElementById("root")!).render(<Form schema={{ type: "object", properties: { apiKey: { type: "string" } } }} validator={validator} />);
