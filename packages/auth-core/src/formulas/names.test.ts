import { describe, expect, it } from "vitest";
import { build } from "./test-helpers.ts";

const first = (name: unknown): unknown => build({ $firstName: { $var: "name" } }, { name });
const last = (name: unknown): unknown => build({ $lastName: { $var: "name" } }, { name });

describe("$firstName / $lastName", () => {
  it("split a full name", () => {
    expect(first("Ada Lovelace")).toBe("Ada");
    expect(last("Ada Lovelace")).toBe("Lovelace");
  });

  it("treat a single word as a last name", () => {
    expect(first("Cher")).toBeUndefined();
    expect(last("Cher")).toBe("Cher");
  });

  it("skip middle names, salutations and suffixes", () => {
    expect(first("John Ronald Reuel Tolkien")).toBe("John");
    expect(last("John Ronald Reuel Tolkien")).toBe("Tolkien");
    expect(first("Dr. Martin Luther King Jr.")).toBe("Martin");
    expect(last("Dr. Martin Luther King Jr.")).toBe("King");
    expect(first("Dr. Smith")).toBeUndefined();
    expect(last("Dr. Smith")).toBe("Smith");
  });

  it("keep compound surnames together", () => {
    expect(last("Ludwig van Beethoven")).toBe("van Beethoven");
    expect(last("Jan van der Berg")).toBe("van der Berg");
    expect(first("Jan van der Berg")).toBe("Jan");
  });

  it("understand `Last, First`", () => {
    expect(first("Lovelace, Ada")).toBe("Ada");
    expect(last("Lovelace, Ada")).toBe("Lovelace");
    expect(last("Hearst Jr., William Randolph")).toBe("Hearst");
  });

  it("are undefined for empty input", () => {
    expect(first("")).toBeUndefined();
    expect(last("   ")).toBeUndefined();
    expect(last(undefined)).toBeUndefined();
    expect(first(null)).toBeUndefined();
  });
});
