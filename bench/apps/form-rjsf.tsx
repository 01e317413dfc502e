// Form bench baseline page: a plain @rjsf/core Form with @rjsf/validator-ajv8 and live validation.
import { createRoot } from "react-dom/client";
import Form from "@rjsf/core";
import type { RJSFSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import { installHarness } from "./form-harness.ts";
import { formSchema, TARGET_FIELD } from "./form-schema.ts";

const root = document.getElementById("root")!;
createRoot(root).render(<Form schema={formSchema as RJSFSchema} validator={validator} liveValidate="onChange" />);
const waitForForm = () => (root.querySelector(`#root_${TARGET_FIELD}`) ? installHarness(root, `#root_${TARGET_FIELD}`) : requestAnimationFrame(waitForForm));
waitForForm();
