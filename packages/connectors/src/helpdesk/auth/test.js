// Runs in the QuickJS sandbox: only the context object is available.
exports.test = async function test({ apiClient }) {
  const response = await apiClient.get("/users/me.json");
  // Helpdesk answers 200 with an anonymous user when the token is wrong.
  return Boolean(response.user && response.user.id);
};
