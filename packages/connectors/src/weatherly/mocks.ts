import { http, HttpResponse } from "msw";

export const WEATHERLY_APP_ID = "0123456789abcdef0123";

export const weatherlyHandlers = [
  http.get("https://api.weatherly.example/data/2.5/weather", ({ request }) => {
    const url = new URL(request.url);
    if (url.searchParams.get("appid") !== WEATHERLY_APP_ID) {
      return HttpResponse.json({ cod: 401, message: "Invalid API key. Please see https://weatherly.example/faq#error401." }, { status: 401 });
    }
    const units = url.searchParams.get("units") ?? "standard";
    const temperature = units === "imperial" ? 50 : 10;
    return HttpResponse.json({ name: url.searchParams.get("q") ?? "London", main: { temp: temperature }, units });
  }),
];
