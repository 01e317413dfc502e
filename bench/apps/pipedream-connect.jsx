// Size bench baseline: @pipedream/connect-react, Pipedream's embeddable React connect/config form,
// with the browser client of @pipedream/sdk it needs.
import { createRoot } from "react-dom/client";
import { createFrontendClient } from "@pipedream/sdk/browser";
import { ComponentFormContainer, FrontendClientProvider } from "@pipedream/connect-react";

const client = createFrontendClient({
  externalUserId: "user_1",
  tokenCallback: async () => ({ token: "ctok_0123456789", expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
});

createRoot(document.getElementById("root")).render(
  <FrontendClientProvider client={client}>
    <ComponentFormContainer componentKey="slack-send-message" onSubmit={(context) => console.log("submitted", context)} />
  </FrontendClientProvider>,
);
