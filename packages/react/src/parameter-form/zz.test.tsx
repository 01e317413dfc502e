import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { it } from "vitest";

import { ParameterForm } from "./parameter-form.tsx";
it("dbg", async () => {
  const user = userEvent.setup();
  render(<ParameterForm schema={{type:"object",properties:{plan:{type:"string",enum:["free","pro"]}}}} value={{ plan: "gold" }} onValueChange={(d) => console.log("change", d)} onSubmit={(d) => console.log("submit", d)}><button type="submit">Go</button></ParameterForm>);
  await user.click(screen.getByRole("button"));
});
