import { http, HttpResponse } from "msw";
import type { RequestHandler } from "msw";
import { EXAMPLE_APP_NAME } from "../example-app.ts";
import { createMockOAuth1Provider } from "../mock-providers/oauth1-provider.ts";

/** The RFC 5849 §1.2 client credentials ("printer.example.com" at photos.example.net). */
export const PHOTO_SHARE_CONSUMER = { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" };

export const photoShareProvider = createMockOAuth1Provider({
  name: "Photo Share",
  origin: "https://photo-share.example",
  consumers: [{ key: PHOTO_SHARE_CONSUMER.consumerKey, secret: PHOTO_SHARE_CONSUMER.consumerSecret, name: EXAMPLE_APP_NAME }],
  user: { id: "783214", screenName: "jane_photos", name: "Jane Doe (@jane_photos)" },
  permissions: ["See your photos and albums", "See your account name"],
});

const API = "https://api.photo-share.example/1.1";

interface Photo {
  id: string;
  title: string;
  size: string;
}

const photos: Photo[] = [
  { id: "p1", title: "vacation.jpg", size: "original" },
  { id: "p2", title: "beach.jpg", size: "original" },
];

export const photoShareApiHandlers: RequestHandler[] = [
  http.get(`${API}/account/verify_credentials.json`, async ({ request }) => {
    const verified = await photoShareProvider.verifyRequest(request);
    if (!verified.ok) return verified.response;
    return HttpResponse.json({ id_str: verified.user.id, screen_name: verified.user.screenName, signed_with: verified.signatureMethod });
  }),
  http.get(`${API}/photos.json`, async ({ request }) => {
    const verified = await photoShareProvider.verifyRequest(request);
    if (!verified.ok) return verified.response;
    const url = new URL(request.url);
    const file = url.searchParams.get("file");
    return HttpResponse.json({
      photos: photos.filter((photo) => !file || photo.title === file).map((photo) => ({ ...photo, size: url.searchParams.get("size") ?? photo.size })),
    });
  }),
  // A form-encoded POST: its body parameters are part of the signature base string (RFC 5849 §3.4.1.3.1).
  http.post(`${API}/albums.json`, async ({ request }) => {
    const verified = await photoShareProvider.verifyRequest(request);
    if (!verified.ok) return verified.response;
    const form = new URLSearchParams(await request.text());
    return HttpResponse.json({ id: "a1", title: form.get("title"), description: form.get("description") ?? "" }, { status: 201 });
  }),
];

export const photoShareHandlers: RequestHandler[] = [...photoShareProvider.handlers, ...photoShareApiHandlers];
