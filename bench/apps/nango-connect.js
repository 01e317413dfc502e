// Size bench baseline: @nangohq/frontend, the browser half of Nango's connect (OAuth popup or
// the hosted Connect UI in an iframe).
import Nango from "@nangohq/frontend";

const nango = new Nango({ connectSessionToken: "nango_connect_session_0123456789" });
document.getElementById("connect").addEventListener("click", async () => {
  const result = await nango.auth("northwind-books");
  console.log("connected", result.connectionId);
});
document.getElementById("connect-ui").addEventListener("click", () => {
  nango.openConnectUI({ onEvent: (event) => console.log(event.type) });
});
