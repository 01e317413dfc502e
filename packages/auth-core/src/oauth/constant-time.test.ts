import { describe, expect, it } from "vitest";
import { timingSafeEqual } from "./constant-time.ts";

describe("timingSafeEqual", () => {
  it("compares UTF-8 content, including different lengths and prefixes", () => {
    expect(timingSafeEqual("xyz", "xyz")).toBe(true);
    expect(timingSafeEqual("", "")).toBe(true);
    expect(timingSafeEqual("£€", "£€")).toBe(true);
    expect(timingSafeEqual("xyz", "xyZ")).toBe(false);
    expect(timingSafeEqual("xyz", "xy")).toBe(false);
    expect(timingSafeEqual("xy", "xyz")).toBe(false);
    expect(timingSafeEqual("", "a")).toBe(false);
    expect(timingSafeEqual("a\u0000", "a")).toBe(false);
  });
});
