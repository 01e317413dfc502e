// Form bench page: Plugboard's ParameterForm on the 100-field schema, problems shown while typing.
import { createRoot } from "react-dom/client";
import { ParameterForm } from "@plugboard/react/parameter-form";
import { installHarness } from "./form-harness.ts";
import { formSchema, TARGET_FIELD } from "./form-schema.ts";

const root = document.getElementById("root")!;
createRoot(root).render(<ParameterForm id="pb" schema={formSchema} defaultValue={{}} validateOn="change" />);
const waitForForm = () => (root.querySelector(`#pb_${TARGET_FIELD}`) ? installHarness(root, `#pb_${TARGET_FIELD}`) : requestAnimationFrame(waitForForm));
waitForForm();
