// Runs in the QuickJS sandbox. The request is signed by the engine; the API verifies it.
export default async function ({ apiClient }) {
  const account = await apiClient.get("/account/verify_credentials.json");
  return Boolean(account && account.id_str);
}
