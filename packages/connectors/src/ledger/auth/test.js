export default async function ({ apiClient }) {
  const me = await apiClient.get("/me");
  return me.email;
}
