// Sessions cannot be renewed, so log in again with the stored email and password.
export default async function ({ credentials, apiClient }) {
  const session = await apiClient.post("/sessions", {
    email: credentials.email,
    password: credentials.password,
  });
  return { token: session.token, expiresAt: Date.now() + session.expiresIn * 1000 };
}
