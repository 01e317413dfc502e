// Exchanges the user's email and password for a session token.
export default async function ({ connectionInput, apiClient }) {
  const session = await apiClient.post("/sessions", {
    email: connectionInput.email,
    password: connectionInput.password,
  });
  return { token: session.token, expiresAt: Date.now() + session.expiresIn * 1000 };
}
